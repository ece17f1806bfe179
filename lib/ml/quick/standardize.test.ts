import { describe, expect, it } from 'vitest';
import { fitStandardizer, standardize } from './standardize';

describe('standardize', () => {
  it('maps training columns to mean 0 / sd 1, constants and missing cells to 0', () => {
    // 3 rows × 3 features: [x, constant, with NaN]
    const X = Float64Array.from([1, 5, NaN, 2, 5, 4, 3, 5, 8]);
    const s = fitStandardizer(X, 3);
    expect(Array.from(s.mean)).toEqual([2, 5, 6]);
    expect(s.scale[1]).toBe(1);
    const Z = standardize(X, s);
    expect(Z[0]).toBeCloseTo(-Math.sqrt(1.5), 12);
    expect(Z[6]).toBeCloseTo(Math.sqrt(1.5), 12);
    expect([Z[1], Z[4], Z[7]]).toEqual([0, 0, 0]);
    expect(Z[2]).toBe(0);
    expect(Z[5]).toBeCloseTo(-1, 12);
  });

  it('names the bad shape', () => {
    expect(() => fitStandardizer(new Float64Array(5), 2)).toThrow(/nFeatures = 2/);
  });
});
