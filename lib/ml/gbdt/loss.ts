/**
 * Binary log loss on raw margins (sklearn HalfBinomialLoss): loss = log(1 + e^raw) − y·raw,
 * gradient = sigmoid(raw) − y, hessian = sigmoid(raw)·(1 − sigmoid(raw)), both times the sample weight.
 */

import { exp } from '@/lib/ml/math/exp';

/**
 * Numerically stable logistic function. Uses the deterministic `exp` (not Math.exp, whose last bits differ between
 * JavaScript engines) so a model gives bit-identical probabilities in Node, worker threads and browsers.
 */
export function sigmoid(raw: number): number {
  if (raw >= 0) return 1 / (1 + exp(-raw));
  const e = exp(raw);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow. */
function log1pExp(x: number): number {
  if (x <= -37) return Math.exp(x);
  if (x <= 18) return Math.log1p(Math.exp(x));
  if (x <= 33.3) return x + Math.exp(-x);
  return x;
}

/**
 * Baseline raw prediction: log-odds of the (weighted) mean of y, clipped to [10ε, 1 − 10ε] as sklearn.
 * @param rows optional subset of row indices
 */
export function baselineLogOdds(y: ArrayLike<number>, sampleWeight: Float64Array | null, rows: Uint32Array | null): number {
  const n = rows ? rows.length : y.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    const w = sampleWeight ? sampleWeight[r] : 1;
    num += w * y[r];
    den += w;
  }
  const eps = 10 * Number.EPSILON;
  let p = den > 0 ? num / den : 0.5;
  if (p < eps) p = eps;
  if (p > 1 - eps) p = 1 - eps;
  return Math.log(p / (1 - p));
}

/**
 * Fill gradients/hessians (Float32) from raw predictions.
 * @param y labels of the training rows (0/1), aligned with `raw`
 * @param sw sample weights aligned with `raw`, or null
 */
export function gradientHessian(
  y: Uint8Array,
  raw: Float64Array,
  sw: Float64Array | null,
  gradients: Float32Array,
  hessians: Float32Array,
): void {
  const n = raw.length;
  // local binding: an imported function is a property read per call in some module transforms (tsx/CJS)
  const expFn = exp;
  for (let i = 0; i < n; i++) {
    const r = raw[i];
    const t = y[i];
    let g: number;
    let h: number;
    if (r > -37) {
      const e = expFn(-r);
      const d = 1 + e;
      g = (1 - t - t * e) / d;
      h = e / (d * d);
    } else {
      const e = expFn(r);
      g = e - t;
      h = e;
    }
    if (sw !== null) {
      const w = sw[i];
      g *= w;
      h *= w;
    }
    gradients[i] = g;
    hessians[i] = h;
  }
}

/** (Weighted) mean log loss of raw margins. */
export function meanLogLoss(y: Uint8Array, raw: Float64Array, sw: Float64Array | null): number {
  let s = 0;
  let wsum = 0;
  for (let i = 0; i < raw.length; i++) {
    const w = sw !== null ? sw[i] : 1;
    s += w * (log1pExp(raw[i]) - y[i] * raw[i]);
    wsum += w;
  }
  return wsum > 0 ? s / wsum : 0;
}
