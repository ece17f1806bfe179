import { describe, expect, it } from 'vitest';
import { fitBinMapper, transformBins } from './binning';
import { makeHistogramLayout, MIN_HESSIAN_TO_SPLIT } from './dtypes';
import { buildHistogramNaive } from './histogram';
import { RandomState } from './rng';
import { computeNodeValue, createSplitResult, findBestSplit, findBestSplitNaive, partitionSamples } from './splitter';
import { makeSynthetic } from './test-utils';

describe('findBestSplit', () => {
  it.each([
    [1, 1, 0],
    [2, 20, 0.1],
    [3, 5, 1],
    [4, 60, 0],
  ])('matches the naive split finder (seed %i, min_samples_leaf %i, l2 %f)', (seed, msl, l2) => {
    const d = makeSynthetic(300, 5, seed, 0.15);
    const m = fitBinMapper(d.X, d.nFeatures, null, 16, 0);
    const { bins, hasMissing } = transformBins(m, d.X, d.nFeatures, null);
    const layout = makeHistogramLayout(m.nBinsNonMissing, hasMissing);
    const rs = new RandomState(seed);
    const g = new Float32Array(d.nRows).map((_, i) => (rs.randomSample() < 0.5 ? 0.3 : -0.7) + 0.1 * d.y[i]);
    const h = new Float32Array(d.nRows).map(() => 0.05 + rs.randomSample() * 0.2);
    const idx = rs.permutation(d.nRows);
    const start = 20;
    const stop = 280;
    let G = 0;
    let H = 0;
    for (let i = start; i < stop; i++) {
      G += g[idx[i]];
      H += h[idx[i]];
    }
    const c = { minSamplesLeaf: msl, minHessianToSplit: MIN_HESSIAN_TO_SPLIT, l2Regularization: l2 };
    const value = computeNodeValue(G, H, l2);
    const hist = new Float64Array(layout.totalBins * 3);
    buildHistogramNaive(layout, bins, d.nRows, idx, start, stop, g, h, hist);
    const fast = createSplitResult();
    findBestSplit(layout, hasMissing, hist, stop - start, G, H, value, c, fast);
    const naive = findBestSplitNaive(bins, d.nRows, d.nFeatures, m.nBinsNonMissing, hasMissing, 16, idx, start, stop, g, h, value, c);
    expect(fast.feature).toBe(naive.feature);
    expect(fast.binIdx).toBe(naive.binIdx);
    expect(fast.missingGoLeft).toBe(naive.missingGoLeft);
    expect(fast.nLeft).toBe(naive.nLeft);
    expect(fast.gain).toBeCloseTo(naive.gain, 9);
    expect(fast.sumGradientLeft).toBeCloseTo(naive.sumGradientLeft, 9);
  });

  it('finds the perfect split of a separable feature and respects min_samples_leaf', () => {
    // one feature 0..9, y = x >= 6; gradients of the baseline
    const X = Float64Array.from({ length: 10 }, (_, i) => i);
    const m = fitBinMapper(X, 1, null, 255, 0);
    const { bins, hasMissing } = transformBins(m, X, 1, null);
    const layout = makeHistogramLayout(m.nBinsNonMissing, hasMissing);
    const g = Float32Array.from({ length: 10 }, (_, i) => (i >= 6 ? -0.6 : 0.4));
    const h = new Float32Array(10).fill(0.24);
    const idx = Uint32Array.from({ length: 10 }, (_, i) => i);
    const hist = new Float64Array(layout.totalBins * 3);
    buildHistogramNaive(layout, bins, 10, idx, 0, 10, g, h, hist);
    const out = createSplitResult();
    const c = { minSamplesLeaf: 1, minHessianToSplit: 1e-3, l2Regularization: 0 };
    findBestSplit(layout, hasMissing, hist, 10, 0.4 * 6 - 0.6 * 4, 2.4, 0, c, out);
    expect(out.feature).toBe(0);
    expect(out.binIdx).toBe(5);
    expect(m.thresholds[0][out.binIdx]).toBe(5.5);
    expect(out.nLeft).toBe(6);
    findBestSplit(layout, hasMissing, hist, 10, 0, 2.4, 0, { ...c, minSamplesLeaf: 6 }, out);
    expect(out.gain).toBeLessThanOrEqual(0);
  });
});

describe('partitionSamples', () => {
  it('is a stable partition honouring the missing side', () => {
    const bins = Uint8Array.from([0, 3, 255, 1, 2, 255]);
    const idx = Uint32Array.from([0, 1, 2, 3, 4, 5]);
    const mid = partitionSamples(bins, 6, 0, 1, true, 255, idx, 0, 6, new Uint32Array(6));
    expect(mid).toBe(4);
    expect(Array.from(idx)).toEqual([0, 2, 3, 5, 1, 4]);
    const idx2 = Uint32Array.from([0, 1, 2, 3, 4, 5]);
    expect(partitionSamples(bins, 6, 0, 1, false, 255, idx2, 1, 6, new Uint32Array(6))).toBe(2);
    expect(Array.from(idx2)).toEqual([0, 3, 1, 2, 4, 5]);
  });
});
