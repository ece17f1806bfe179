import { describe, expect, it } from 'vitest';
import { fitHistGradientBoosting } from './booster';
import { compileBinnedForest } from './binned-forest';
import { GbdtModel } from './predictor';
import { RandomState } from './rng';
import { makeSynthetic } from './test-utils';

function rawBatch(m: GbdtModel, X: Float64Array, n: number): Float64Array {
  return m.predictRawBatchRaw(X, n, new Float64Array(n));
}

describe('binned batch scoring', () => {
  it.each([0, 1, 2])('is bit-identical to the raw traversal (seed %i), incl. NaN, ±Infinity and unseen values', (seed) => {
    const d = makeSynthetic(1500, 7, seed, 0.1);
    const m = fitHistGradientBoosting(d.X, d.y, { max_iter: 40, min_samples_leaf: 5, max_leaf_nodes: 15, random_state: seed }, { featureNames: d.featureNames });
    expect(compileBinnedForest(m)).not.toBeNull();
    const n = 1003; // not a multiple of the block or of 4
    const X = d.X.slice(0, n * d.nFeatures);
    for (let i = 0; i < X.length; i += 37) X[i] = [NaN, Infinity, -Infinity, 1e308, -5, 7.5][i % 6];
    expect(Array.from(m.predictRawBatch(X, n))).toEqual(Array.from(rawBatch(m, X, n)));
    const batch = m.predictRawBatch(X, n);
    for (let i = 0; i < n; i++) {
      // single-row binned path vs the raw-float traversals
      expect(m.predictRaw(X, i * d.nFeatures)).toBe(m.predictRawFloat(X, i * d.nFeatures));
      expect(m.predictRaw(X, i * d.nFeatures)).toBe(batch[i]);
    }
    for (let i = 0; i < 50; i++) expect(m.predictRaw(X, i * d.nFeatures)).toBe(m.predictRawReference(X, i * d.nFeatures));
  });

  it('takes both missing-value directions and missing-only (+Infinity) splits; single rows from plain arrays', () => {
    // f0 and f1 are informative and sometimes missing; NaN in f1 means class 1, NaN in f0 means nothing
    const rs = new RandomState(9);
    const n = 4000;
    const nf = 3;
    const X = new Float64Array(n * nf);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const a = rs.randomSample() * 4 - 2;
      const b = rs.randomSample() < 0.15 ? NaN : rs.randomSample() * 10;
      X[i * nf] = rs.randomSample() < 0.2 ? NaN : a;
      X[i * nf + 1] = b;
      X[i * nf + 2] = Math.floor(rs.randomSample() * 3);
      y[i] = b !== b ? +(rs.randomSample() < 0.9) : +(rs.randomSample() < 1 / (1 + Math.exp(-2 * a + 0.3 * b - 1)));
    }
    const m = fitHistGradientBoosting(X, y, { max_iter: 30, min_samples_leaf: 5, max_leaf_nodes: 31, random_state: 1 }, { featureNames: ['a', 'b', 'c'] });
    const splits = Array.from(m.feature.keys()).filter((k) => m.feature[k] >= 0);
    expect(splits.some((k) => m.missingGoLeft[k] === 1)).toBe(true);
    expect(splits.some((k) => m.missingGoLeft[k] === 0)).toBe(true);
    expect(splits.some((k) => m.threshold[k] === Infinity)).toBe(true);
    const bf = compileBinnedForest(m);
    expect(bf).not.toBeNull();
    // a second column per feature with a missing-goes-left split, plus the scratch column
    expect((bf as NonNullable<typeof bf>).stride).toBeGreaterThan(nf + 1);
    const batch = m.predictRawBatch(X, n);
    expect(Array.from(batch)).toEqual(Array.from(rawBatch(m, X, n)));
    for (let i = 0; i < 300; i++) {
      const row = Array.from(X.subarray(i * nf, (i + 1) * nf));
      expect(m.predictRaw(row)).toBe(batch[i]);
      expect(m.predictRaw(row)).toBe(m.predictRawReference(row));
    }
  });

  it.each([
    [8, true],
    [9, false],
  ])('perfect tree of depth %i: binned iff child offsets fit 8 bits, identical either way', (depth, binnable) => {
    // breadth-first, node p's children sit at 2p + 1: up to 255 away at depth 8, 511 at depth 9
    const nInternal = 2 ** depth - 1;
    const nNodes = 2 * nInternal + 1;
    const feature = new Int32Array(nNodes).fill(-1);
    const threshold = new Float64Array(nNodes);
    const left = new Int32Array(nNodes).fill(-1);
    const right = new Int32Array(nNodes).fill(-1);
    const value = new Float64Array(nNodes);
    const thresholds = Array.from({ length: 8 }, (_, k) => k + 0.5);
    for (let p = 0; p < nNodes; p++) {
      if (p < nInternal) {
        feature[p] = p % 2;
        threshold[p] = thresholds[p % 8];
        left[p] = 2 * p + 1;
        right[p] = 2 * p + 2;
      } else value[p] = (p - nInternal) / 1000 - 0.1;
    }
    const m = new GbdtModel({
      featureNames: ['u', 'v'],
      baseline: 0.25,
      nIter: 1,
      params: {},
      treeOffsets: Int32Array.from([0, nNodes]),
      feature,
      threshold,
      missingGoLeft: Uint8Array.from({ length: nNodes }, (_, p) => (p % 3 === 0 ? 1 : 0)),
      left,
      right,
      value,
      count: new Float64Array(nNodes).fill(1),
      gain: new Float64Array(nNodes),
      binThresholds: [thresholds, thresholds],
    });
    expect(compileBinnedForest(m) !== null).toBe(binnable);
    const X = Float64Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? NaN : ((i * 37) % 90) / 10));
    expect(Array.from(m.predictRawBatch(X, 200))).toEqual(Array.from(rawBatch(m, X, 200)));
    for (let i = 0; i < 200; i++) expect(m.predictRaw(X, 2 * i)).toBe(m.predictRawReference(X, 2 * i));
  });

  it('falls back to the raw traversal for artifacts without bin thresholds', () => {
    const d = makeSynthetic(800, 4, 5);
    const m = fitHistGradientBoosting(d.X, d.y, { max_iter: 10, random_state: 0 }, { featureNames: d.featureNames });
    const json = m.toJSON();
    delete json.binThresholds;
    const m2 = GbdtModel.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(compileBinnedForest(m2)).toBeNull();
    expect(Array.from(m2.predictRawBatch(d.X, d.nRows))).toEqual(Array.from(m.predictRawBatch(d.X, d.nRows)));
    const m3 = GbdtModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(compileBinnedForest(m3)).not.toBeNull();
    expect(Array.from(m3.predictRawBatch(d.X, d.nRows))).toEqual(Array.from(m.predictRawBatch(d.X, d.nRows)));
  });
});
