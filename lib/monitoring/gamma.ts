/**
 * The log-gamma function and the regularized upper incomplete gamma Q(a, x) (scipy.special.gammaln and
 * gammaincc), for the chi-square drift test's p-value (stats.ts). Pure, browser-safe.
 */

const LANCZOS_G = 607 / 128;
const LANCZOS = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174, -0.49191381609762019978, 0.33994649984811888699e-4,
  0.46523628927048575665e-4, -0.98374475304879564677e-4, 0.15808870322491248884e-3, -0.21026444172410488319e-3, 0.2174396181152126432e-3,
  -0.16431810653676389022e-3, 0.84418223983852743293e-4, -0.2619083840158140867e-4, 0.36899182659531622704e-5,
];

/** ln Γ(z): exact sums for (half-)integers up to 1000 (every chi-square dof/2), Lanczos (g = 607/128) otherwise. */
export function logGamma(z: number): number {
  if (z <= 1000 && Number.isInteger(2 * z) && z > 0) {
    let s = Number.isInteger(z) ? 0 : 0.5 * Math.log(Math.PI);
    for (let k = Number.isInteger(z) ? 1 : 0.5; k < z; k++) s += Math.log(k);
    return s;
  }
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  z -= 1;
  let x = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) x += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) (SciPy `gammaincc`). */
export function gammaincc(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`gammaincc: a must be > 0, got ${a}`);
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  const lnPre = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    let ap = a;
    for (let n = 0; n < 1000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPre));
  }
  const FPMIN = 1e-300;
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(lnPre) * h;
}
