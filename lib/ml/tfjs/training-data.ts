/** Row-major training matrix with labels, as the features pipeline hands it over (already scaled, no missing). */
export interface TrainingData {
  /** nRows × featureNames.length, row-major. */
  X: Float64Array;
  /** 0/1 labels, length nRows. */
  y: ArrayLike<number>;
  nRows: number;
  featureNames: readonly string[];
}

/**
 * Validates shapes and values. tfjs cannot take missing values, so the first NaN/±Infinity is reported by
 * feature name (TypeError) — impute upstream.
 */
export function checkTrainingData(data: TrainingData, fn: string): void {
  if (data === null || typeof data !== 'object') throw new TypeError(`${fn}: data must be { X, y, nRows, featureNames }`);
  const { X, y, nRows, featureNames } = data;
  if (!(X instanceof Float64Array)) throw new TypeError(`${fn}: X must be a Float64Array`);
  if (!Array.isArray(featureNames) || featureNames.length === 0) {
    throw new TypeError(`${fn}: featureNames must be a non-empty array of strings`);
  }
  if (!Number.isInteger(nRows) || nRows < 2) throw new RangeError(`${fn}: nRows = ${nRows} must be an integer ≥ 2`);
  const d = featureNames.length;
  if (X.length !== nRows * d) {
    throw new RangeError(`${fn}: X has ${X.length} values, expected nRows × features = ${nRows} × ${d} = ${nRows * d}`);
  }
  if (y === null || typeof y !== 'object' || y.length !== nRows) {
    throw new RangeError(`${fn}: y must have nRows = ${nRows} labels, got ${y?.length}`);
  }
  for (let i = 0; i < nRows; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`${fn}: y[${i}] = ${String(y[i])} is not a binary label (0 or 1)`);
  }
  for (let r = 0; r < nRows; r++) {
    const off = r * d;
    for (let j = 0; j < d; j++) {
      const v = X[off + j];
      if (!Number.isFinite(v)) {
        throw new TypeError(
          `${fn}: feature "${featureNames[j]}" (column ${j}) has ${v} at row ${r}; tfjs models need imputed, finite inputs`,
        );
      }
    }
  }
}

/** mulberry32 (lib/data/synthetic/random) under this module's name. */
export { mulberry32 as createRng } from '../../data/synthetic/random';

/** In-place Fisher–Yates shuffle. */
export function shuffleInPlace(a: Int32Array, rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** Seeded split keeping the class ratio in both parts; each part keeps at least one row. */
export function stratifiedSplit(
  y: ArrayLike<number>,
  fraction: number,
  rng: () => number,
): { train: Int32Array; val: Int32Array } {
  const byClass: number[][] = [[], []];
  for (let i = 0; i < y.length; i++) byClass[y[i]].push(i);
  const train: number[] = [];
  const val: number[] = [];
  for (const idx of byClass) {
    const a = Int32Array.from(idx);
    shuffleInPlace(a, rng);
    const nVal = Math.round(a.length * fraction);
    for (let k = 0; k < a.length; k++) (k < nVal ? val : train).push(a[k]);
  }
  if (val.length === 0) val.push(train.pop()!);
  if (train.length === 0) train.push(val.pop()!);
  return { train: Int32Array.from(train).sort(), val: Int32Array.from(val).sort() };
}
