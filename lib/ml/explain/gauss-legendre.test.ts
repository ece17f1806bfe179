import { describe, expect, it } from 'vitest';
import { gaussLegendre01 } from './gauss-legendre';

describe('gaussLegendre01', () => {
  it('integrates u^k (1 − u)^j exactly on [0, 1] up to degree 2n − 1, nodes inside (0, 1)', () => {
    const beta = (k: number, j: number): number => {
      // ∫ u^k (1 − u)^j du = k! j! / (k + j + 1)!
      let r = 1;
      for (let i = 1; i <= j; i++) r *= i / (k + i);
      return r / (k + j + 1);
    };
    for (let n = 1; n <= 16; n++) {
      const U = new Float64Array(n + 2);
      const A = new Float64Array(n + 2);
      const W = new Float64Array(n + 2);
      gaussLegendre01(n, U, A, W, 2);
      for (let q = 2; q < n + 2; q++) {
        expect(U[q]).toBeGreaterThan(0);
        expect(A[q]).toBeGreaterThan(0);
        expect(Math.abs(U[q] + A[q] - 1)).toBeLessThan(1e-15);
      }
      for (let deg = 0; deg <= 2 * n - 1; deg++) {
        for (let k = 0; k <= deg; k++) {
          let s = 0;
          for (let q = 2; q < n + 2; q++) s += W[q] * U[q] ** k * A[q] ** (deg - k);
          expect(Math.abs(s - beta(k, deg - k))).toBeLessThan(1e-14);
        }
      }
    }
  });
});
