/**
 * The fast explainers (`TreeShapExplainer`, `TreeShapBatch`, `LeafTableTreeShap` with all, none and some trees
 * tabled) against the recursive reference (`TreeShapReference`): random forests with repeated features, ties, NaN
 * rows and both missing directions, a trained model, stumps, and the explainers' row and buffer handling.
 */
import { describe, expect, it } from 'vitest';
import { fitHistGradientBoosting, GbdtModel } from '@/lib/ml/gbdt';
import { makeSynthetic } from '@/lib/ml/gbdt/test-utils';
import { RandomState } from '@/lib/ml/gbdt/rng';
import { shapValues, TreeShapExplainer } from './tree-shap';
import { TreeShapBatch } from './tree-shap-batch';
import { LeafTableTreeShap } from './tree-shap-leaf-tables';
import { TreeShapReference } from './tree-shap-reference';

/**
 * Random forest over `nf` features (few, so features repeat along paths) on a threshold grid of
 * 0.5-steps, so rows hit thresholds exactly; both missing-value directions; consistent child counts.
 */
function randomModel(rs: RandomState, nf: number, nTrees: number, maxLeaves: number, maxDepth: number): GbdtModel {
  const feature: number[] = [];
  const threshold: number[] = [];
  const mgl: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const count: number[] = [];
  const offsets = [0];
  for (let t = 0; t < nTrees; t++) {
    const start = feature.length;
    let leaves = 1;
    const grow = (cnt: number, depth: number): number => {
      const id = feature.length;
      feature.push(-1);
      threshold.push(0);
      mgl.push(0);
      left.push(-1);
      right.push(-1);
      value.push((rs.randomSample() - 0.5) * 2);
      count.push(cnt);
      if (depth < maxDepth && leaves < maxLeaves && cnt >= 2 && rs.randomSample() < 0.8) {
        leaves++;
        const nLeft = 1 + Math.floor(rs.randomSample() * (cnt - 1));
        feature[id] = Math.floor(rs.randomSample() * nf);
        threshold[id] = Math.floor(rs.randomSample() * 8) / 2;
        mgl[id] = rs.randomSample() < 0.5 ? 1 : 0;
        left[id] = grow(nLeft, depth + 1);
        right[id] = grow(cnt - nLeft, depth + 1);
      }
      return id;
    };
    grow(50 + Math.floor(rs.randomSample() * 2000), 0);
    offsets.push(feature.length);
    expect(offsets[t]).toBe(start);
  }
  return new GbdtModel({
    featureNames: Array.from({ length: nf }, (_, f) => `f${f}`),
    baseline: rs.randomSample() - 0.5,
    nIter: nTrees,
    params: {},
    treeOffsets: Int32Array.from(offsets),
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    missingGoLeft: Uint8Array.from(mgl),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    count: Float64Array.from(count),
    gain: new Float64Array(feature.length),
  });
}

/** Rows on the model's threshold grid (so `x <= threshold` ties occur), NaN with probability 0.2. */
function randomRows(rs: RandomState, nRows: number, nf: number): Float64Array {
  const X = new Float64Array(nRows * nf);
  for (let i = 0; i < X.length; i++) {
    const u = rs.randomSample();
    X[i] = u < 0.2 ? NaN : u < 0.6 ? Math.floor(rs.randomSample() * 9) / 2 - 0.5 : rs.randomSample() * 5 - 0.75;
  }
  return X;
}

/** Fast vs reference (|Δ| ≤ 1e-12 per feature) and additivity (≤ 1e-9) on every row of X. */
function expectMatchesReference(m: GbdtModel, X: Float64Array, nRows: number): void {
  const nf = m.nFeatures;
  const fast = new TreeShapExplainer(m);
  const ref = new TreeShapReference(m);
  expect(Math.abs(fast.expectedValue - ref.expectedValue)).toBeLessThanOrEqual(1e-12);
  const a = new Float64Array(nf);
  const b = new Float64Array(nf);
  let worst = 0;
  let worstAdd = 0;
  for (let i = 0; i < nRows; i++) {
    fast.shapValues(X, i * nf, a);
    ref.shapValues(X, i * nf, b);
    let s = fast.expectedValue;
    for (let f = 0; f < nf; f++) {
      worst = Math.max(worst, Math.abs(a[f] - b[f]));
      s += a[f];
    }
    worstAdd = Math.max(worstAdd, Math.abs(s - m.predictRaw(X, i * nf)));
  }
  expect(worst).toBeLessThanOrEqual(1e-12);
  expect(worstAdd).toBeLessThanOrEqual(1e-9);

  // the block explainer: all rows in one call, in reverse order (blocks of 64 cross), equal to the reference too
  const batch = new TreeShapBatch(m);
  expect(Math.abs(batch.expectedValue - ref.expectedValue)).toBeLessThanOrEqual(1e-12);
  const rows = Int32Array.from({ length: nRows }, (_, k) => nRows - 1 - k);
  const all = batch.shapRows(X, rows, new Float64Array(nRows * nf).fill(7));
  let worstBatch = 0;
  for (let k = 0; k < nRows; k++) {
    ref.shapValues(X, rows[k] * nf, b);
    for (let f = 0; f < nf; f++) worstBatch = Math.max(worstBatch, Math.abs(all[k * nf + f] - b[f]));
  }
  expect(worstBatch).toBeLessThanOrEqual(1e-12);

  // the leaf-table explainer: all trees tabled, none (all Linear TreeSHAP), and a mix (a budget for about half the
  // tables, and a cap on path features that leaves the deeper trees out)
  const all4 = new LeafTableTreeShap(m);
  const sizeAll = all4.tableSize;
  const variants = [
    all4,
    new LeafTableTreeShap(m, { budget: 0 }),
    new LeafTableTreeShap(m, { budget: Math.floor(sizeAll / 2) }),
    new LeafTableTreeShap(m, { maxPathFeatures: 2 }),
  ];
  const nonConstant = Array.from({ length: m.nTrees }, (_, t) => m.feature[m.treeOffsets[t]] >= 0).filter(Boolean).length;
  for (const ex of variants) {
    expect(ex.treesTabled + ex.treesLinear).toBe(nonConstant);
    expect(Math.abs(ex.expectedValue - ref.expectedValue)).toBeLessThanOrEqual(1e-12);
    const got = ex.shapRows(X, rows, new Float64Array(nRows * nf).fill(7));
    const one = new Float64Array(nf).fill(7);
    let worstTable = 0;
    let worstOne = 0;
    for (let k = 0; k < nRows; k++) {
      ref.shapValues(X, rows[k] * nf, b);
      ex.shapValues(X, rows[k] * nf, one);
      for (let f = 0; f < nf; f++) {
        worstTable = Math.max(worstTable, Math.abs(got[k * nf + f] - b[f]));
        worstOne = Math.max(worstOne, Math.abs(one[f] - b[f]));
      }
    }
    expect(worstTable).toBeLessThanOrEqual(1e-12);
    expect(worstOne).toBeLessThanOrEqual(1e-12);
  }
  expect(variants[1].treesTabled).toBe(0);
  if (nonConstant > 1 && sizeAll > 0) expect(variants[2].treesLinear).toBeGreaterThan(0);
}

describe('TreeShapExplainer against the recursive reference', () => {
  it('random forests with repeated features, ties, NaN rows and both missing directions', () => {
    const rs = new RandomState(7);
    const shapes: [nf: number, nTrees: number, maxLeaves: number, maxDepth: number][] = [
      [1, 5, 8, 6],
      [2, 10, 16, 8],
      [3, 20, 31, 10],
      [6, 20, 31, 12],
      [4, 5, 64, 20],
    ];
    for (const [nf, nTrees, maxLeaves, maxDepth] of shapes) {
      for (let rep = 0; rep < 4; rep++) {
        const m = randomModel(rs, nf, nTrees, maxLeaves, maxDepth);
        let goLeft = 0;
        let goRight = 0;
        for (let n = 0; n < m.feature.length; n++) if (m.feature[n] >= 0) (m.missingGoLeft[n] === 1 ? goLeft++ : goRight++);
        expect(goLeft * goRight).toBeGreaterThan(0);
        expectMatchesReference(m, randomRows(rs, 150, nf), 150);
      }
    }
  });

  it('a trained model with the seed depth on data with 20 % missing values', () => {
    const d = makeSynthetic(3000, 8, 5, 0.2);
    const params = { max_depth: 10, learning_rate: 0.1, max_iter: 40, min_samples_leaf: 20, l2_regularization: 0.1, random_state: 42, early_stopping: false };
    const m = fitHistGradientBoosting(d.X, d.y, params, { featureNames: d.featureNames });
    const X = d.X.slice(0, 300 * 8);
    for (let i = 0; i < 300; i += 7) X[i * 8 + (i % 8)] = NaN;
    expectMatchesReference(m, X, 300);
  });

  it('reads rows at an offset, zeroes a reused output buffer, and accepts plain arrays', () => {
    const rs = new RandomState(3);
    const m = randomModel(rs, 3, 10, 16, 8);
    const X = randomRows(rs, 4, 3);
    const ex = new TreeShapExplainer(m);
    const out = new Float64Array(3).fill(123);
    const viaOffset = Array.from(ex.shapValues(X, 6, out));
    expect(out).not.toContain(123);
    expect(viaOffset).toEqual(Array.from(ex.shapValues(Array.from(X.subarray(6, 9)))));
    expect(viaOffset).toEqual(Array.from(shapValues(m, X.subarray(6, 9))));
  });

  it('the block and leaf-table explainers give a row the same bits whatever rows share its block', () => {
    const rs = new RandomState(5);
    const m = randomModel(rs, 4, 20, 31, 10);
    const X = randomRows(rs, 200, 4);
    const order = Int32Array.from({ length: 200 }, (_, k) => (k * 37) % 200);
    const k17 = Array.from(order).indexOf(17);
    const half = new LeafTableTreeShap(m).tableSize >> 1;
    for (const ex of [new TreeShapBatch(m), new LeafTableTreeShap(m), new LeafTableTreeShap(m, { budget: half })]) {
      const alone = ex.shapRows(X, [17], new Float64Array(4));
      const amid = ex.shapRows(X, order, new Float64Array(800));
      expect(Array.from(amid.subarray(k17 * 4, k17 * 4 + 4))).toEqual(Array.from(alone));
      expect(() => ex.shapRows(X, [200], new Float64Array(4))).toThrow(/outside X/);
      expect(() => ex.shapRows(X, [0, 1], new Float64Array(4))).toThrow(/expected ≥ 8/);
    }
  });

  it('leaf tables: a cap on path features sends deeper trees to Linear TreeSHAP; a tree with an empty child too', () => {
    const rs = new RandomState(9);
    // many features, deep trees: paths with up to ~14 distinct features
    const m = randomModel(rs, 24, 12, 64, 16);
    const X = randomRows(rs, 120, 24);
    const ref = new TreeShapReference(m);
    const capped = new LeafTableTreeShap(m, { maxPathFeatures: 5 });
    expect(capped.treesLinear).toBeGreaterThan(0);
    expect(capped.treesTabled).toBeGreaterThan(0);
    const rows = Int32Array.from({ length: 120 }, (_, k) => k);
    const b = new Float64Array(24);
    for (const ex of [capped, new LeafTableTreeShap(m)]) {
      const got = ex.shapRows(X, rows, new Float64Array(120 * 24));
      for (let k = 0; k < 120; k++) {
        ref.shapValues(X, k * 24, b);
        const one = ex.shapValues(Array.from(X.subarray(k * 24, (k + 1) * 24)));
        for (let f = 0; f < 24; f++) {
          expect(Math.abs(got[k * 24 + f] - b[f])).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(one[f] - b[f])).toBeLessThanOrEqual(1e-12);
        }
      }
    }
    // an empty child (count 0, z = 0) cannot be tabled: that tree goes to Linear TreeSHAP, values still exact
    const count = Float64Array.from(m.count);
    const t0 = m.treeOffsets[0];
    const leaf = m.left[t0];
    count[leaf] = 0;
    const json = m.toJSON() as unknown as { count: number[] };
    const withEmpty = GbdtModel.fromJSON({ ...json, count: Array.from(count) });
    const ex = new LeafTableTreeShap(withEmpty);
    expect(ex.treesLinear).toBeGreaterThanOrEqual(1);
    const refEmpty = new TreeShapReference(withEmpty);
    const got = ex.shapRows(X, rows, new Float64Array(120 * 24));
    for (let k = 0; k < 120; k++) {
      refEmpty.shapValues(X, k * 24, b);
      for (let f = 0; f < 24; f++) expect(Math.abs(got[k * 24 + f] - b[f])).toBeLessThanOrEqual(1e-12);
    }
  });

  it('models without splits and stumps', () => {
    const rs = new RandomState(11);
    for (const [nTrees, maxLeaves] of [[3, 1], [6, 2]]) {
      const m = randomModel(rs, 2, nTrees, maxLeaves, 1);
      expectMatchesReference(m, randomRows(rs, 50, 2), 50);
    }
  });
});
