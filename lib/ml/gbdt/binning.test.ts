import { describe, expect, it } from 'vitest';
import { binValue, findBinningThresholds, fitBinMapper, transformBins } from './binning';
import { ALMOST_INF } from './dtypes';

describe('findBinningThresholds', () => {
  it('uses midpoints between distinct values when there are few', () => {
    expect(Array.from(findBinningThresholds([3, 1, 2, 2, NaN, 1], 255))).toEqual([1.5, 2.5]);
  });
  it('returns maxBins − 1 quantile thresholds for many distinct values', () => {
    const v = Array.from({ length: 1000 }, (_, i) => i);
    const t = findBinningThresholds(v, 10);
    expect(t.length).toBe(9);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
    // numpy.percentile(arange(1000), 10, method='midpoint') = 99.5
    expect(t[0]).toBe(99.5);
  });
  it.each([1, 2, 3, 8, 9, 12])('gives the unique-sorted midpoints for %i distinct values (no-sort and sort paths)', (k) => {
    const levels = [-0, 5, -3.25, 1e-9, 7, 0.1, -100, 42, 3, 2.5, 1e6, -7][Symbol.iterator]();
    const pool = Array.from({ length: k }, () => levels.next().value as number);
    const v = Array.from({ length: 500 }, (_, i) => (i % 17 === 0 ? NaN : pool[(i * 7) % k]));
    const u = Array.from(new Set(pool.map((x) => (x === 0 ? 0 : x)))).sort((a, b) => a - b);
    const expected = u.slice(1).map((x, j) => (u[j] + x) * 0.5);
    expect(Array.from(findBinningThresholds(v, 255))).toEqual(expected);
    expect(Array.from(findBinningThresholds(v, 2))).toEqual(k <= 2 ? expected : Array.from(findBinningThresholds(v.concat(v), 2)));
  });
  it('clips huge thresholds and handles all-NaN columns', () => {
    expect(findBinningThresholds([0, Infinity], 255)[0]).toBe(ALMOST_INF);
    expect(findBinningThresholds([NaN, NaN], 255).length).toBe(0);
  });
});

describe('transformBins', () => {
  it('maps x <= threshold[b] to bin b, NaN to the missing bin, column-major', () => {
    const X = new Float64Array([1, 10, 2, NaN, 3, 30]); // 3 rows × 2 features
    const m = fitBinMapper(X, 2, null, 255, 0);
    const { bins, hasMissing } = transformBins(m, X, 2, null);
    expect(Array.from(bins)).toEqual([0, 1, 2, 0, 255, 1]);
    expect(Array.from(hasMissing)).toEqual([0, 1]);
    expect(binValue(m.thresholds[0], 1.5, 255)).toBe(0);
    expect(binValue(m.thresholds[0], 1.50001, 255)).toBe(1);
  });
});
