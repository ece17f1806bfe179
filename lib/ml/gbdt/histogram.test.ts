import { describe, expect, it } from 'vitest';
import { fitBinMapper, transformBins } from './binning';
import { makeHistogramLayout } from './dtypes';
import { buildHistogram, buildHistogramNaive, subtractHistogram } from './histogram';
import { buildHistogramRoot } from './histogram-root';
import { RandomState } from './rng';
import { makeSynthetic } from './test-utils';

function setup(seed: number) {
  const d = makeSynthetic(500, 6, seed, 0.1);
  const m = fitBinMapper(d.X, d.nFeatures, null, 32, 0);
  const { bins, hasMissing } = transformBins(m, d.X, d.nFeatures, null);
  const layout = makeHistogramLayout(m.nBinsNonMissing, hasMissing);
  const rs = new RandomState(seed);
  const g = new Float32Array(d.nRows).map(() => rs.randomSample() - 0.5);
  const h = new Float32Array(d.nRows).map(() => rs.randomSample() * 0.25);
  return { d, layout, bins, g, h, rs };
}

function expectClose(a: Float64Array, b: Float64Array) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-9);
}

describe('histograms', () => {
  it.each([1, 2, 3])('fast == naive on a random subset (seed %i)', (seed) => {
    const { d, layout, bins, g, h, rs } = setup(seed);
    const perm = rs.permutation(d.nRows);
    const start = 50;
    const stop = 370;
    let G = 0;
    let H = 0;
    for (let i = start; i < stop; i++) {
      G += g[perm[i]];
      H += h[perm[i]];
    }
    const size = layout.totalBins * 3;
    const naive = new Float64Array(size);
    const fast = new Float64Array(size).fill(123); // must be reset by the builder
    buildHistogramNaive(layout, bins, d.nRows, perm, start, stop, g, h, naive);
    buildHistogram(layout, bins, d.nRows, perm, start, stop, g, h, new Float32Array(d.nRows), new Float32Array(d.nRows), G, H, fast);
    expectClose(fast, naive);
    let count = 0;
    for (let b = layout.offset[0]; b < layout.offset[1]; b++) count += naive[b * 3 + 2];
    expect(count).toBe(stop - start);
  });

  it('root builder and subtraction trick agree with naive', () => {
    const { d, layout, bins, g, h } = setup(4);
    const all = Uint32Array.from({ length: d.nRows }, (_, i) => i);
    let G = 0;
    let H = 0;
    for (let i = 0; i < d.nRows; i++) {
      G += g[i];
      H += h[i];
    }
    const size = layout.totalBins * 3;
    const root = new Float64Array(size);
    const rootNaive = new Float64Array(size);
    buildHistogramRoot(layout, bins, d.nRows, g, h, G, H, root);
    buildHistogramNaive(layout, bins, d.nRows, all, 0, d.nRows, g, h, rootNaive);
    expectClose(root, rootNaive);
    const left = new Float64Array(size);
    const right = new Float64Array(size);
    const rightNaive = new Float64Array(size);
    buildHistogramNaive(layout, bins, d.nRows, all, 0, 200, g, h, left);
    buildHistogramNaive(layout, bins, d.nRows, all, 200, d.nRows, g, h, rightNaive);
    subtractHistogram(layout, root, left, right);
    expectClose(right, rightNaive);
  });
});
