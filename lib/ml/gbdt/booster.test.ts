import { describe, expect, it } from 'vitest';
import { fitHistGradientBoosting, GbdtAbortError } from './booster';
import { GbdtModel } from './predictor';
import { makeSynthetic } from './test-utils';

describe('fitHistGradientBoosting', () => {
  it('learns a perfectly separable one-feature set with a single split', () => {
    const X = Float64Array.from({ length: 40 }, (_, i) => i);
    const y = Uint8Array.from({ length: 40 }, (_, i) => (i >= 25 ? 1 : 0));
    const m = fitHistGradientBoosting(X, y, { max_iter: 30, min_samples_leaf: 5, learning_rate: 0.3 }, { featureNames: ['x'] });
    // root of the first tree: x <= 24.5
    expect(m.feature[0]).toBe(0);
    expect(m.threshold[0]).toBe(24.5);
    expect(m.count[0]).toBe(40);
    expect(m.count[m.left[0]]).toBe(25);
    // hand check of the first leaves: baseline p = 15/40, gradients p − y, hessians p(1 − p)
    const p = 15 / 40;
    expect(m.baseline).toBeCloseTo(Math.log(p / (1 - p)), 12);
    expect(m.value[m.left[0]]).toBeCloseTo((0.3 * -(25 * p)) / (25 * p * (1 - p)), 5);
    expect(m.value[m.right[0]]).toBeCloseTo((0.3 * -(15 * (p - 1))) / (15 * p * (1 - p)), 5);
    for (let i = 0; i < 40; i++) expect(m.predictProba([i]) > 0.5).toBe(i >= 25);
  });

  it('decreases the training loss and reports progress', () => {
    const d = makeSynthetic(2000, 6, 1);
    const losses: number[] = [];
    const m = fitHistGradientBoosting(d.X, d.y, { max_iter: 30, random_state: 0 }, {
      featureNames: d.featureNames,
      onIteration: (info) => {
        losses.push(info.trainLoss);
        expect(info.iteration).toBe(losses.length);
      },
    });
    expect(m.nIter).toBe(30);
    expect(losses.length).toBe(30);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThanOrEqual(losses[i - 1] + 1e-12);
    expect(losses[29]).toBeLessThan(losses[0] * 0.9);
  });

  it('is deterministic for a fixed random_state (identical JSON)', () => {
    const d = makeSynthetic(3000, 5, 2);
    const params = { max_iter: 40, early_stopping: true, random_state: 7 } as const;
    const a = fitHistGradientBoosting(d.X, d.y, params, { featureNames: d.featureNames });
    const b = fitHistGradientBoosting(d.X, d.y, params, { featureNames: d.featureNames });
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
  });

  it('early stopping stops before max_iter when the validation loss stalls', () => {
    const d = makeSynthetic(3000, 5, 3);
    const m = fitHistGradientBoosting(d.X, d.y, { max_iter: 500, early_stopping: true, learning_rate: 0.5, random_state: 1 }, { featureNames: d.featureNames });
    expect(m.nIter).toBeLessThan(500);
    expect(m.history?.validationLoss.length).toBe(m.nIter);
  });

  it('learns the missing side: NaN ⇒ class 1', () => {
    const n = 1000;
    const X = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (i % 4 === 0) {
        X[i] = NaN;
        y[i] = 1;
      } else {
        X[i] = i % 97;
        y[i] = i % 3 === 0 ? 1 : 0;
      }
    }
    const m = fitHistGradientBoosting(X, y, { max_iter: 20, random_state: 0 }, { featureNames: ['x'] });
    expect(m.predictProba([NaN])).toBeGreaterThan(0.9);
    expect(m.predictProba([10])).toBeLessThan(0.7);
  });

  it('sends NaN to the bigger child when the feature had no missing values', () => {
    const X = Float64Array.from({ length: 100 }, (_, i) => i);
    const y = Uint8Array.from({ length: 100 }, (_, i) => (i >= 80 ? 1 : 0));
    const m = fitHistGradientBoosting(X, y, { max_iter: 1, min_samples_leaf: 5 }, { featureNames: ['x'] });
    expect(m.missingGoLeft[0]).toBe(1);
    expect(m.predictRaw([NaN])).toBe(m.predictRaw([0]));
  });

  it('gives a baseline-only model for a constant target and a single row', () => {
    const m = fitHistGradientBoosting(new Float64Array([1, 2, 3]), [1, 1, 1], {}, { featureNames: ['x'] });
    expect(m.nIter).toBe(0);
    expect(m.nTrees).toBe(0);
    expect(m.predictProba([5])).toBeGreaterThan(0.999);
    const one = fitHistGradientBoosting(new Float64Array([1, 2]), [0], {}, { featureNames: ['a', 'b'] });
    expect(one.predictProba([1, 2])).toBeLessThan(1e-3);
  });

  it('works with a single feature and tiny data (min_samples_leaf too big → stumps)', () => {
    const m = fitHistGradientBoosting(new Float64Array([0, 1, 2, 3]), [0, 0, 1, 1], { max_iter: 3 }, { featureNames: ['x'] });
    expect(m.nTrees).toBe(3);
    expect(m.feature[0]).toBe(-1);
  });

  it('rejects degenerate input', () => {
    const f = { featureNames: ['a', 'b'] };
    expect(() => fitHistGradientBoosting(new Float64Array(0), [], {}, f)).toThrow(/0 rows/);
    expect(() => fitHistGradientBoosting(new Float64Array(3), [0], {}, f)).toThrow(/multiple/);
    expect(() => fitHistGradientBoosting(new Float64Array(4), [0], {}, f)).toThrow(/y has length/);
    expect(() => fitHistGradientBoosting(new Float64Array(4), [0, 2], {}, f)).toThrow(/y\[1\]/);
    expect(() => fitHistGradientBoosting(new Float64Array(4), [0, 1], { max_iter: -1 }, f)).toThrow(RangeError);
    expect(() => fitHistGradientBoosting(new Float64Array(4), [0, 1], {}, { ...f, sampleWeight: [1, -1] })).toThrow(/sampleWeight/);
  });

  it('honours sample weights and class_weight', () => {
    const d = makeSynthetic(1500, 4, 5);
    const a = fitHistGradientBoosting(d.X, d.y, { max_iter: 10, class_weight: 'balanced', random_state: 0 }, { featureNames: d.featureNames });
    let pos = 0;
    for (const v of d.y) pos += v;
    const w = Array.from(d.y, (v) => (v ? d.nRows / (2 * pos) : d.nRows / (2 * (d.nRows - pos))));
    const b = fitHistGradientBoosting(d.X, d.y, { max_iter: 10, random_state: 0 }, { featureNames: d.featureNames, sampleWeight: w });
    expect(JSON.stringify(a.toJSON().nodes)).toBe(JSON.stringify(b.toJSON().nodes));
    expect(Math.abs(a.baseline)).toBeLessThan(1e-9);
  });

  it('honours an AbortSignal between iterations', () => {
    const d = makeSynthetic(500, 3, 6);
    const ctl = new AbortController();
    expect(() =>
      fitHistGradientBoosting(d.X, d.y, { max_iter: 50 }, { featureNames: d.featureNames, onIteration: (i) => i.iteration === 3 && ctl.abort(), signal: ctl.signal }),
    ).toThrow(GbdtAbortError);
  });
});

describe('GbdtModel artifact', () => {
  it('round-trips through JSON with identical predictions', () => {
    const d = makeSynthetic(2000, 6, 8, 0.2);
    const m = fitHistGradientBoosting(d.X, d.y, { max_iter: 25, random_state: 3 }, { featureNames: d.featureNames });
    const back = GbdtModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    const a = m.predictProbaBatch(d.X, d.nRows);
    const b = back.predictProbaBatch(d.X, d.nRows);
    expect(Array.from(b)).toEqual(Array.from(a));
    for (let i = 0; i < 50; i++) expect(back.predictProba(d.X.subarray(i * 6, i * 6 + 6))).toBe(a[i]);
  });

  it('batch and single-row predictions agree', () => {
    const d = makeSynthetic(700, 4, 9, 0.3);
    const m = fitHistGradientBoosting(d.X, d.y, { max_iter: 15 }, { featureNames: d.featureNames });
    const raw = m.predictRawBatch(d.X, d.nRows);
    for (let i = 0; i < d.nRows; i++) expect(m.predictRaw(d.X, i * 4)).toBe(raw[i]);
  });

  it('fromJSON rejects malformed artifacts with a TypeError naming the field', () => {
    const d = makeSynthetic(300, 3, 10);
    const good = m2json(fitHistGradientBoosting(d.X, d.y, { max_iter: 3 }, { featureNames: d.featureNames }));
    expect(() => GbdtModel.fromJSON(null)).toThrow(TypeError);
    expect(() => GbdtModel.fromJSON({ ...good, format: 'x' })).toThrow(/format/);
    expect(() => GbdtModel.fromJSON({ ...good, version: 2 })).toThrow(/version/);
    expect(() => GbdtModel.fromJSON({ ...good, baseline: 'a' })).toThrow(/baseline/);
    expect(() => GbdtModel.fromJSON({ ...good, nodes: { ...good.nodes, value: good.nodes.value.slice(1) } })).toThrow(/nodes.value/);
    const feat = good.nodes.feature.slice();
    feat[0] = 99;
    expect(() => GbdtModel.fromJSON({ ...good, nodes: { ...good.nodes, feature: feat } })).toThrow(/nodes.feature\[0\]/);
    const left = good.nodes.left.slice();
    left[0] = 0;
    expect(() => GbdtModel.fromJSON({ ...good, nodes: { ...good.nodes, left } })).toThrow(/nodes.left\[0\]/);
  });
});

function m2json(m: GbdtModel) {
  return JSON.parse(JSON.stringify(m.toJSON()));
}
