import { describe, expect, it } from 'vitest';
import { fitHistGradientBoosting } from './booster';
import { compileBinnedForest } from './binned-forest';
import { GbdtModel } from './predictor';
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
