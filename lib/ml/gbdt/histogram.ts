/**
 * Gradient/hessian histograms (sklearn histogram.pyx). A histogram is a flat Float64Array of
 * `layout.totalBins * HIST_STRIDE` doubles: for feature f and bin b (b < nBinsNonMissing[f], or the
 * missing bin), slot `offset[f] + min(b, nBinsNonMissing[f])` holds [sum_gradients, sum_hessians, count].
 */
import { HIST_STRIDE, type BinnedMatrix, type HistogramLayout } from './dtypes';

/** Slot of bin `b` of feature `f` in a compact histogram (missing bin → last slot of the feature). */
export function histogramSlot(layout: HistogramLayout, f: number, b: number): number {
  const nb = layout.nBinsNonMissing[f];
  return layout.offset[f] + (b < nb ? b : nb);
}

/**
 * Reference implementation (for tests): histogram of samples `idx[start..stop)`.
 * @param bins column-major binned data with `nRows` rows
 */
export function buildHistogramNaive(
  layout: HistogramLayout,
  bins: BinnedMatrix,
  nRows: number,
  idx: ArrayLike<number>,
  start: number,
  stop: number,
  gradients: ArrayLike<number>,
  hessians: ArrayLike<number>,
  out: Float64Array,
): void {
  out.fill(0);
  for (let f = 0; f < layout.nFeatures; f++) {
    for (let i = start; i < stop; i++) {
      const r = idx[i];
      const s = histogramSlot(layout, f, bins[f * nRows + r]) * HIST_STRIDE;
      out[s] += gradients[r];
      out[s + 1] += hessians[r];
      out[s + 2] += 1;
    }
  }
}

/** Write a binary feature's 3 slots from its bin-1 sums and the node totals. */
function writeBinary(out: Float64Array, off: number, sumG: number, sumH: number, n: number, g1: number, h1: number, c1: number): void {
  const s = off * 3;
  out[s] = sumG - g1;
  out[s + 1] = sumH - h1;
  out[s + 2] = n - c1;
  out[s + 3] = g1;
  out[s + 4] = h1;
  out[s + 5] = c1;
}

/**
 * Fast histogram of samples `idx[start..stop)`. Gradients/hessians are first gathered into
 * `orderedG`/`orderedH` (scratch, length ≥ stop - start) so the per-feature loops read them sequentially.
 * `sumG`/`sumH` are the node totals, used for binary features (bin 0 = total − bin 1), so the result
 * equals the naive histogram up to floating-point rounding.
 */
export function buildHistogram(
  layout: HistogramLayout,
  bins: BinnedMatrix,
  nRows: number,
  idx: Uint32Array,
  start: number,
  stop: number,
  gradients: Float32Array,
  hessians: Float32Array,
  orderedG: Float32Array,
  orderedH: Float32Array,
  sumG: number,
  sumH: number,
  out: Float64Array,
): void {
  const n = stop - start;
  for (let i = 0; i < n; i++) {
    const r = idx[start + i];
    orderedG[i] = gradients[r];
    orderedH[i] = hessians[r];
  }
  out.fill(0, 0, layout.totalBins * HIST_STRIDE);
  const nFeatures = layout.nFeatures;
  const offset = layout.offset;
  const nbnm = layout.nBinsNonMissing;
  const isBinary = layout.isBinary;
  for (let f = 0; f < nFeatures; f++) {
    const col = f * nRows;
    const off = offset[f];
    const nb = nbnm[f];
    if (isBinary[f] === 1) {
      let g1 = 0;
      let h1 = 0;
      let c1 = 0;
      for (let i = 0; i < n; i++) {
        const b = bins[col + idx[start + i]];
        g1 += b * orderedG[i];
        h1 += b * orderedH[i];
        c1 += b;
      }
      writeBinary(out, off, sumG, sumH, n, g1, h1, c1);
      continue;
    }
    for (let i = 0; i < n; i++) {
      const b = bins[col + idx[start + i]];
      const s = (off + (b < nb ? b : nb)) * 3;
      out[s] += orderedG[i];
      out[s + 1] += orderedH[i];
      out[s + 2] += 1;
    }
  }
}

/** Fast histogram of all rows 0..nRows-1 (the root): sequential reads of bins and gradients. */
export function buildHistogramRoot(
  layout: HistogramLayout,
  bins: BinnedMatrix,
  nRows: number,
  gradients: Float32Array,
  hessians: Float32Array,
  sumG: number,
  sumH: number,
  out: Float64Array,
): void {
  out.fill(0, 0, layout.totalBins * HIST_STRIDE);
  const nFeatures = layout.nFeatures;
  const offset = layout.offset;
  const nbnm = layout.nBinsNonMissing;
  const isBinary = layout.isBinary;
  for (let f = 0; f < nFeatures; f++) {
    const col = f * nRows;
    const off = offset[f];
    const nb = nbnm[f];
    if (isBinary[f] === 1) {
      let g1 = 0;
      let h1 = 0;
      let c1 = 0;
      for (let i = 0; i < nRows; i++) {
        const b = bins[col + i];
        g1 += b * gradients[i];
        h1 += b * hessians[i];
        c1 += b;
      }
      writeBinary(out, off, sumG, sumH, nRows, g1, h1, c1);
      continue;
    }
    for (let i = 0; i < nRows; i++) {
      const b = bins[col + i];
      const s = (off + (b < nb ? b : nb)) * 3;
      out[s] += gradients[i];
      out[s + 1] += hessians[i];
      out[s + 2] += 1;
    }
  }
}

/** Subtraction trick: `out = parent - sibling` (the larger child's histogram). */
export function subtractHistogram(layout: HistogramLayout, parent: Float64Array, sibling: Float64Array, out: Float64Array): void {
  const n = layout.totalBins * HIST_STRIDE;
  for (let i = 0; i < n; i++) out[i] = parent[i] - sibling[i];
}
