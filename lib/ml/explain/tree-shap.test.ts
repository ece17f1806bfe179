/**
 * TreeSHAP on trained models: additivity, agreement with brute-force Shapley values, zero attribution to unused
 * features, and the baseline-only model. The fast explainers against the recursive reference on random forests
 * are in tree-shap-vs-reference.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { fitHistGradientBoosting, GbdtModel } from '@/lib/ml/gbdt';
import { makeSynthetic } from '@/lib/ml/gbdt/test-utils';
import { expectedValue, shapValues } from './tree-shap';

/** Brute-force Shapley values of v(S) = path-dependent E[f | x_S] (Algorithm 1), for small feature counts. */
function bruteForceShap(m: GbdtModel, row: ArrayLike<number>): Float64Array {
  const nf = m.nFeatures;
  const v = (mask: number) => {
    let s = m.baseline;
    const rec = (n: number): number => {
      const f = m.feature[n];
      if (f < 0) return m.value[n];
      if (mask & (1 << f)) {
        const x = row[f];
        return rec(x <= m.threshold[n] || (x !== x && m.missingGoLeft[n] === 1) ? m.left[n] : m.right[n]);
      }
      return (m.count[m.left[n]] * rec(m.left[n]) + m.count[m.right[n]] * rec(m.right[n])) / m.count[n];
    };
    for (let t = 0; t < m.nTrees; t++) s += rec(m.treeOffsets[t]);
    return s;
  };
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const phi = new Float64Array(nf);
  for (let f = 0; f < nf; f++) {
    for (let mask = 0; mask < 1 << nf; mask++) {
      if (mask & (1 << f)) continue;
      let size = 0;
      for (let k = 0; k < nf; k++) if (mask & (1 << k)) size++;
      const w = (fact(size) * fact(nf - size - 1)) / fact(nf);
      phi[f] += w * (v(mask | (1 << f)) - v(mask));
    }
  }
  return phi;
}

describe('TreeSHAP', () => {
  const d = makeSynthetic(1500, 5, 11, 0.2);
  const m = fitHistGradientBoosting(d.X, d.y, { max_iter: 20, max_leaf_nodes: 15, random_state: 0 }, { featureNames: d.featureNames });

  it('is additive: expectedValue + Σ phi = raw margin (1e-9) on random rows, incl. NaN', () => {
    const e = expectedValue(m);
    for (let i = 0; i < 200; i++) {
      const row = d.X.subarray(i * 5, i * 5 + 5);
      const phi = shapValues(m, row);
      let s = e;
      for (const v of phi) s += v;
      expect(Math.abs(s - m.predictRaw(row))).toBeLessThan(1e-9);
    }
  });

  it('matches brute-force Shapley values of the path-dependent value function', () => {
    for (let i = 0; i < 5; i++) {
      const row = d.X.subarray(i * 5, i * 5 + 5);
      const fast = shapValues(m, row);
      const slow = bruteForceShap(m, row);
      for (let f = 0; f < 5; f++) expect(fast[f]).toBeCloseTo(slow[f], 9);
    }
  });

  it('gives zero attribution to unused features and handles repeated splits on one feature', () => {
    const X = Float64Array.from({ length: 400 }, (_, k) => (k % 2 === 0 ? Math.floor(k / 2) % 50 : 7));
    const y = Uint8Array.from({ length: 200 }, (_, i) => (i % 50 > 10 && i % 50 < 30 ? 1 : 0));
    const m2 = fitHistGradientBoosting(X, y, { max_iter: 10, min_samples_leaf: 5 }, { featureNames: ['x', 'const'] });
    const phi = shapValues(m2, [20, 7]);
    expect(phi[1]).toBe(0);
    expect(phi[0] + expectedValue(m2)).toBeCloseTo(m2.predictRaw([20, 7]), 9);
  });

  it('baseline-only model: no attributions, expectedValue = baseline', () => {
    const m3 = fitHistGradientBoosting(new Float64Array([1, 2]), [1, 1], {}, { featureNames: ['x'] });
    expect(Array.from(shapValues(m3, [1]))).toEqual([0]);
    expect(expectedValue(m3)).toBe(m3.baseline);
  });
});
