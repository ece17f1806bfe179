/**
 * Feature binning (sklearn `_BinMapper` / `_find_binning_thresholds` / `_map_to_bins`).
 * Numeric features only; missing values (NaN) map to bin `maxBins`.
 */
import { ALMOST_INF, BINNING_SUBSAMPLE, type BinnedMatrix } from './dtypes';
import { RandomState } from './rng';

export interface BinMapper {
  maxBins: number;
  /** Bin index reserved for missing values (= maxBins). */
  missingBin: number;
  /** Per feature, ascending thresholds; bin b holds thresholds[b-1] < x <= thresholds[b]. */
  thresholds: Float64Array[];
  /** thresholds[f].length + 1 */
  nBinsNonMissing: Int32Array;
}

/**
 * Thresholds of one feature from its values (NaN ignored). Midpoints between distinct values when
 * there are at most `maxBins` of them, else numpy `percentile(..., method='midpoint')` at
 * `linspace(0, 100, maxBins + 1)[1:-1]`. Clipped to ALMOST_INF.
 * @param values feature values (not modified)
 */
export function findBinningThresholds(values: ArrayLike<number>, maxBins: number): Float64Array {
  const few = fewDistinctThresholds(values, maxBins);
  if (few !== null) return few;
  let nn = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) nn++;
  const sorted = new Float64Array(nn);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) sorted[k++] = v === 0 ? 0 : v; // -0 → 0 so distinct counting matches numpy unique
  }
  sorted.sort();
  let nDistinct = 0;
  for (let i = 0; i < nn; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) nDistinct++;
  let out: Float64Array;
  if (nDistinct <= maxBins) {
    out = new Float64Array(Math.max(0, nDistinct - 1));
    let prev = NaN;
    let j = -1;
    for (let i = 0; i < nn; i++) {
      const v = sorted[i];
      if (i === 0 || v !== sorted[i - 1]) {
        if (j >= 0) out[j] = (prev + v) * 0.5;
        j++;
        prev = v;
      }
    }
  } else {
    out = new Float64Array(maxBins - 1);
    const step = 100 / maxBins;
    for (let p = 1; p < maxBins; p++) {
      const q = (p * step) / 100;
      const virtual = (nn - 1) * q;
      const lo = Math.floor(virtual);
      const hi = Math.ceil(virtual);
      const idx = 0.5 * (lo + hi);
      if (idx % 1 === 0) out[p - 1] = sorted[idx];
      else {
        const a = sorted[Math.floor(idx)];
        const b = sorted[Math.ceil(idx)];
        out[p - 1] = b - (b - a) * 0.5; // numpy _lerp at t = 0.5
      }
    }
  }
  for (let i = 0; i < out.length; i++) if (out[i] > ALMOST_INF) out[i] = ALMOST_INF;
  return out;
}

/** Distinct values tracked by the no-sort path (one-hot and small integer columns). */
const FEW = 8;

/**
 * `findBinningThresholds` for a column with at most FEW distinct non-NaN values (and ≤ maxBins): one pass
 * collecting them, then the same midpoints as the sorting path, bit for bit. Null when there are more.
 */
function fewDistinctThresholds(values: ArrayLike<number>, maxBins: number): Float64Array | null {
  const d = new Float64Array(FEW);
  let nd = 0;
  for (let i = 0; i < values.length; i++) {
    const v0 = values[i];
    if (v0 !== v0) continue;
    const v = v0 === 0 ? 0 : v0;
    let j = 0;
    while (j < nd && d[j] !== v) j++;
    if (j < nd) continue;
    if (nd === FEW || nd === maxBins) return null;
    d[nd++] = v;
  }
  const sorted = d.subarray(0, nd).sort();
  const out = new Float64Array(Math.max(0, nd - 1));
  for (let j = 1; j < nd; j++) out[j - 1] = (sorted[j - 1] + sorted[j]) * 0.5;
  for (let i = 0; i < out.length; i++) if (out[i] > ALMOST_INF) out[i] = ALMOST_INF;
  return out;
}

/**
 * Fit thresholds on rows `rows` (or all rows) of row-major `X`. When there are more than
 * `BINNING_SUBSAMPLE` rows, a seeded subsample (numpy `choice(n, 2e5, replace=False)`) is used, as sklearn.
 */
export function fitBinMapper(
  X: Float64Array,
  nFeatures: number,
  rows: Uint32Array | null,
  maxBins: number,
  seed: number,
): BinMapper {
  const nRows = rows ? rows.length : X.length / nFeatures;
  let use: Uint32Array | null = rows;
  if (nRows > BINNING_SUBSAMPLE) {
    const perm = new RandomState(seed).permutation(nRows);
    use = new Uint32Array(BINNING_SUBSAMPLE);
    for (let i = 0; i < BINNING_SUBSAMPLE; i++) use[i] = rows ? rows[perm[i]] : perm[i];
  }
  const n = use ? use.length : nRows;
  // transpose once (rows outer) instead of one strided pass over X per feature
  const cols = new Float64Array(n * nFeatures);
  for (let i = 0; i < n; i++) {
    const base = (use ? use[i] : i) * nFeatures;
    for (let f = 0; f < nFeatures; f++) cols[f * n + i] = X[base + f];
  }
  const thresholds: Float64Array[] = [];
  const nBinsNonMissing = new Int32Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) {
    const t = findBinningThresholds(cols.subarray(f * n, (f + 1) * n), maxBins);
    thresholds.push(t);
    nBinsNonMissing[f] = t.length + 1;
  }
  return { maxBins, missingBin: maxBins, thresholds, nBinsNonMissing };
}

/** Bin of one value: number of thresholds strictly below x; NaN → missingBin. */
export function binValue(t: Float64Array, x: number, missingBin: number): number {
  if (x !== x) return missingBin;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= t[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Map rows of row-major `X` to a column-major Uint8Array (`out[f * n + i]`), n = rows.length or all rows.
 * Also reports which features contained a missing value.
 */
export function transformBins(
  mapper: BinMapper,
  X: Float64Array,
  nFeatures: number,
  rows: Uint32Array | null,
): { bins: BinnedMatrix; hasMissing: Uint8Array } {
  const n = rows ? rows.length : X.length / nFeatures;
  const bins = new Uint8Array(n * nFeatures);
  const hasMissing = new Uint8Array(nFeatures);
  const mb = mapper.missingBin;
  const th = mapper.thresholds;
  // rows outer: X is read sequentially once
  for (let i = 0; i < n; i++) {
    const base = (rows ? rows[i] : i) * nFeatures;
    for (let f = 0; f < nFeatures; f++) {
      const x = X[base + f];
      let b: number;
      if (x !== x) {
        b = mb;
        hasMissing[f] = 1;
      } else {
        const t = th[f];
        let lo = 0;
        let hi = t.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (x <= t[mid]) hi = mid;
          else lo = mid + 1;
        }
        b = lo;
      }
      bins[f * n + i] = b;
    }
  }
  return { bins, hasMissing };
}
