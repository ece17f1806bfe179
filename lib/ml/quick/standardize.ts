/** Per-feature standardization fitted on training rows, so logistic-regression coefficients are comparable. */

export interface Standardizer {
  mean: Float64Array;
  /** Population standard deviation; 1 for a constant column (the column then maps to 0). */
  scale: Float64Array;
}

/** Mean and standard deviation of each column of row-major `X` (nRows × nFeatures), ignoring NaN. */
export function fitStandardizer(X: Float64Array, nFeatures: number): Standardizer {
  if (!Number.isInteger(nFeatures) || nFeatures < 1 || X.length % nFeatures !== 0) {
    throw new RangeError(`fitStandardizer: X has ${X.length} values, not a multiple of nFeatures = ${nFeatures}`);
  }
  const nRows = X.length / nFeatures;
  const sum = new Float64Array(nFeatures);
  const count = new Float64Array(nFeatures);
  for (let r = 0; r < nRows; r++) {
    const off = r * nFeatures;
    for (let j = 0; j < nFeatures; j++) {
      const v = X[off + j];
      if (Number.isFinite(v)) {
        sum[j] += v;
        count[j]++;
      }
    }
  }
  const mean = new Float64Array(nFeatures);
  for (let j = 0; j < nFeatures; j++) mean[j] = count[j] > 0 ? sum[j] / count[j] : 0;
  const ss = new Float64Array(nFeatures);
  for (let r = 0; r < nRows; r++) {
    const off = r * nFeatures;
    for (let j = 0; j < nFeatures; j++) {
      const v = X[off + j];
      if (Number.isFinite(v)) ss[j] += (v - mean[j]) ** 2;
    }
  }
  const scale = new Float64Array(nFeatures);
  for (let j = 0; j < nFeatures; j++) {
    const sd = count[j] > 0 ? Math.sqrt(ss[j] / count[j]) : 0;
    scale[j] = sd > 1e-12 ? sd : 1;
  }
  return { mean, scale };
}

/**
 * A standardized copy of `X`. Missing or non-finite cells become 0 (the training mean): tfjs takes no NaN, and a
 * spec without an impute step may leave some.
 */
export function standardize(X: Float64Array, s: Standardizer): Float64Array {
  const d = s.mean.length;
  if (X.length % d !== 0) throw new RangeError(`standardize: X has ${X.length} values, not a multiple of ${d} features`);
  const out = new Float64Array(X.length);
  for (let i = 0; i < X.length; i++) {
    const j = i % d;
    const v = X[i];
    out[i] = Number.isFinite(v) ? (v - s.mean[j]) / s.scale[j] : 0;
  }
  return out;
}
