/** Deterministic synthetic data for the gbdt/explain tests (not exported from index). */
import { RandomState } from './rng';

export interface SyntheticData {
  X: Float64Array;
  y: Uint8Array;
  nRows: number;
  nFeatures: number;
  featureNames: string[];
}

/**
 * nRows × nFeatures: feature 0 continuous, 1 binary, 2 integer 0..9, the rest continuous with
 * `missingRate` NaNs. y ~ Bernoulli(sigmoid(2·x0 − x1 + 0.3·x2 − 1.5 + noise)).
 */
export function makeSynthetic(nRows: number, nFeatures: number, seed: number, missingRate = 0.05): SyntheticData {
  const rs = new RandomState(seed);
  const X = new Float64Array(nRows * nFeatures);
  const y = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) {
    for (let f = 0; f < nFeatures; f++) {
      const u = rs.randomSample();
      let v = f === 1 ? (u < 0.4 ? 1 : 0) : f === 2 ? Math.floor(u * 10) : u * 4 - 2;
      if (f >= 3 && rs.randomSample() < missingRate) v = NaN;
      X[i * nFeatures + f] = v;
    }
    const x0 = X[i * nFeatures];
    const x1 = nFeatures > 1 ? X[i * nFeatures + 1] : 0;
    const x2 = nFeatures > 2 ? X[i * nFeatures + 2] : 0;
    const z = 2 * x0 - x1 + 0.3 * x2 - 1.5 + (rs.randomSample() - 0.5);
    y[i] = rs.randomSample() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  const featureNames = Array.from({ length: nFeatures }, (_, f) => `f${f}`);
  return { X, y, nRows, nFeatures, featureNames };
}
