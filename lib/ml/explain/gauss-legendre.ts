/** Gauss–Legendre quadrature on [0, 1] (used by TreeSHAP to integrate path polynomials exactly). */

/**
 * n-point Gauss–Legendre rule on [0, 1], exact for polynomials of degree ≤ 2n − 1, written at
 * `off`: nodes u in U, 1 − u in A (computed directly, not by subtraction), weights (summing to 1) in W.
 */
export function gaussLegendre01(n: number, U: Float64Array, A: Float64Array, W: Float64Array, off: number): void {
  for (let i = 0; i < n; i++) {
    // Newton on P_n from the Tricomi initial guess (roots of P_n in (−1, 1), descending).
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 1;
    for (let it = 0; it < 64; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      // p1 = P_n(x), p0 = P_{n−1}(x)
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) <= 1e-16) break;
    }
    U[off + i] = (1 + x) / 2;
    A[off + i] = (1 - x) / 2;
    W[off + i] = 1 / ((1 - x * x) * dp * dp);
  }
}
