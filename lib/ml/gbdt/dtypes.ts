/**
 * Dtypes and constants shared by the histogram GBDT engine
 * (mirrors sklearn/ensemble/_hist_gradient_boosting/common.pxd).
 *
 * - binned data: `Uint8Array`, column-major (`bins[f * nRows + row]`), missing values in bin `maxBins`
 *   (255 with the default `max_bins = 255`).
 * - gradients / hessians: `Float32Array` (sklearn G_H_DTYPE).
 * - histograms: `Float64Array`, flat, `HIST_STRIDE` doubles per bin (sum_gradients, sum_hessians, count),
 *   features laid out back to back with per-feature offsets (see `HistogramLayout`).
 * - raw predictions, thresholds, leaf values: `Float64Array`.
 */
export type BinnedMatrix = Uint8Array;
export type GradientArray = Float32Array;
export type HistogramArray = Float64Array;

/** Doubles per histogram bin: [sum_gradients, sum_hessians, count]. */
export const HIST_STRIDE = 3;
/** sklearn TreeGrower default; not a public parameter there either. */
export const MIN_HESSIAN_TO_SPLIT = 1e-3;
/** sklearn clips numeric thresholds to this so that +inf only appears in "split on NaN" nodes. */
export const ALMOST_INF = 1e300;
/** sklearn _BinMapper subsample size used to compute quantile thresholds. */
export const BINNING_SUBSAMPLE = 200_000;
/** Largest supported `max_bins` (one more bin is reserved for missing values). */
export const MAX_MAX_BINS = 255;
/** Added to hessian sums in leaf values, as sklearn's compute_node_value. */
export const VALUE_EPS = 1e-15;

/**
 * Per-feature layout of a compact histogram: feature `f` owns bins
 * `[offset[f], offset[f] + nBinsNonMissing[f] + 1)`, the last of which holds the missing values.
 */
export interface HistogramLayout {
  nFeatures: number;
  /** Start bin of each feature (length nFeatures + 1; last entry = total bins). */
  offset: Int32Array;
  /** Number of non-missing bins per feature (1..maxBins). */
  nBinsNonMissing: Int32Array;
  /** Total number of histogram bins over all features. */
  totalBins: number;
  /**
   * 1 when the feature has exactly 2 non-missing bins and no missing values in the training data:
   * its histogram is built from bin-1 sums and the node totals (bin 0 = total − bin 1).
   */
  isBinary: Uint8Array;
  /** Features with `isBinary = 1`, ascending (histogram kernels process them in groups). */
  binaryFeatures: Int32Array;
  /** The other features, ascending. */
  otherFeatures: Int32Array;
}

export function makeHistogramLayout(nBinsNonMissing: Int32Array, hasMissing?: Uint8Array): HistogramLayout {
  const nFeatures = nBinsNonMissing.length;
  const offset = new Int32Array(nFeatures + 1);
  const isBinary = new Uint8Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) {
    offset[f + 1] = offset[f] + nBinsNonMissing[f] + 1;
    isBinary[f] = hasMissing && nBinsNonMissing[f] === 2 && hasMissing[f] === 0 ? 1 : 0;
  }
  let nBinary = 0;
  for (let f = 0; f < nFeatures; f++) nBinary += isBinary[f];
  const binaryFeatures = new Int32Array(nBinary);
  const otherFeatures = new Int32Array(nFeatures - nBinary);
  for (let f = 0, i = 0, j = 0; f < nFeatures; f++) {
    if (isBinary[f] === 1) binaryFeatures[i++] = f;
    else otherFeatures[j++] = f;
  }
  return new Layout(nFeatures, offset, nBinsNonMissing, offset[nFeatures], isBinary, binaryFeatures, otherFeatures);
}

/** A class, not an object literal, so a second fit does not deoptimize the kernels (see grower-config.ts). */
class Layout implements HistogramLayout {
  constructor(
    readonly nFeatures: number,
    readonly offset: Int32Array,
    readonly nBinsNonMissing: Int32Array,
    readonly totalBins: number,
    readonly isBinary: Uint8Array,
    readonly binaryFeatures: Int32Array,
    readonly otherFeatures: Int32Array,
  ) {}
}
