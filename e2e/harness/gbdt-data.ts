/**
 * Seeded synthetic binary-classification data for the GBDT parity spec: a mix of continuous, binary, small-integer
 * and heavy-tailed features with NaNs, plus "edge" rows that sit exactly on split thresholds or hold ±Infinity / −0 /
 * all-NaN, where a traversal that differs by one comparison would show.
 */
import { RandomState, type GbdtModel } from '@/lib/ml/gbdt';

export interface GbdtData {
  /** Row-major nRows × featureNames.length, NaN = missing. */
  X: Float64Array;
  /** Labels 0/1. */
  y: Uint8Array;
  nRows: number;
  featureNames: string[];
}

export const GBDT_FEATURES = ['tenure', 'monthly', 'total', 'contract', 'paperless', 'tickets', 'usage', 'lag_days', 'score', 'noise'];

/** nRows rows of 10 features; features 2, 6, 7, 8 carry `missingRate` NaNs. y ~ Bernoulli(sigmoid(z)). */
export function makeGbdtData(nRows: number, seed: number, missingRate = 0.08): GbdtData {
  const nf = GBDT_FEATURES.length;
  const rs = new RandomState(seed);
  const u = () => rs.randomSample();
  const X = new Float64Array(nRows * nf);
  const y = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const o = i * nf;
    const tenure = Math.floor(u() * 72);
    const monthly = 20 + u() * 100;
    X[o] = tenure;
    X[o + 1] = monthly;
    X[o + 2] = tenure * monthly * (0.9 + 0.2 * u());
    X[o + 3] = Math.floor(u() * 3);
    X[o + 4] = u() < 0.6 ? 1 : 0;
    X[o + 5] = Math.floor(-Math.log(1 - u()) * 1.5);
    X[o + 6] = Math.exp(u() * 6) - 1;
    X[o + 7] = u() * 365;
    X[o + 8] = u() * 2 - 1;
    X[o + 9] = u();
    for (const f of [2, 6, 7, 8]) if (u() < missingRate) X[o + f] = NaN;
    const late = Number.isNaN(X[o + 7]) ? 0.5 : X[o + 7] / 365;
    const z = -0.04 * tenure + 0.02 * monthly - 0.8 * X[o + 3] + 0.4 * X[o + 4] + 0.5 * X[o + 5] + late + (u() - 0.5) - 0.8;
    y[i] = u() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X, y, nRows, featureNames: GBDT_FEATURES.slice() };
}

/**
 * Rows that probe the traversal's comparisons: for up to `maxSplits` internal nodes, a base row (cycled from
 * `base`) with the split feature set exactly to the threshold, and to its next double up; then rows of all NaN,
 * +Infinity, −Infinity and −0.
 */
export function edgeRows(model: GbdtModel, base: Float64Array, maxSplits = 150): { X: Float64Array; nRows: number } {
  const nf = model.nFeatures;
  const nBase = base.length / nf;
  const rows: number[][] = [];
  const scratch = new Float64Array(1);
  const bits = new BigInt64Array(scratch.buffer);
  for (let node = 0, used = 0; node < model.feature.length && used < maxSplits; node++) {
    const f = model.feature[node];
    const t = model.threshold[node];
    if (f < 0 || !Number.isFinite(t)) continue;
    const b = (used % nBase) * nf;
    const atThreshold = Array.from(base.subarray(b, b + nf));
    atThreshold[f] = t;
    scratch[0] = t;
    bits[0] += t >= 0 ? 1n : -1n;
    const justAbove = atThreshold.slice();
    justAbove[f] = scratch[0];
    rows.push(atThreshold, justAbove);
    used++;
  }
  for (const v of [NaN, Infinity, -Infinity, -0]) rows.push(new Array<number>(nf).fill(v));
  const X = new Float64Array(rows.length * nf);
  rows.forEach((r, i) => X.set(r, i * nf));
  return { X, nRows: rows.length };
}
