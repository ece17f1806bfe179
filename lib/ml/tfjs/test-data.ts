import { createRng } from './training-data';
import type { TrainingData } from './training-data';

/** Synthetic sets for the tfjs tests (seeded, so fits are reproducible). */
export function makeData(
  n: number,
  d: number,
  label: (x: Float64Array, off: number, rng: () => number) => number,
  seed = 1,
): TrainingData {
  const rng = createRng(seed);
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) X[r * d + j] = rng() * 2 - 1;
    y[r] = label(X, r * d, rng);
  }
  return { X, y, nRows: n, featureNames: Array.from({ length: d }, (_, j) => `f${j}`) };
}

/** y = 1 when x0 + 0.5·x1 > 0. */
export const separable = (n = 300, seed = 1) => makeData(n, 2, (x, o) => (x[o] + 0.5 * x[o + 1] > 0 ? 1 : 0), seed);

/** y ~ Bernoulli(sigmoid(2·x0 − 1.5·x1 + 0·x2 + 0.8·x3)). */
export const noisyLinear = (n = 600, seed = 2) =>
  makeData(n, 4, (x, o, rng) => (rng() < 1 / (1 + Math.exp(-(3 * x[o] - 2 * x[o + 1] + 1.2 * x[o + 3]))) ? 1 : 0), seed);

/** y = 1 inside a circle: not linearly separable. */
export const circle = (n = 400, seed = 3) => makeData(n, 2, (x, o) => (x[o] ** 2 + x[o + 1] ** 2 < 0.45 ? 1 : 0), seed);
