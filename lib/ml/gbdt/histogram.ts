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
export function writeBinary(out: Float64Array, off: number, sumG: number, sumH: number, n: number, g1: number, h1: number, c1: number): void {
  const s = off * 3;
  out[s] = sumG - g1;
  out[s + 1] = sumH - h1;
  out[s + 2] = n - c1;
  out[s + 3] = g1;
  out[s + 4] = h1;
  out[s + 5] = c1;
}

// One small function per loop shape (4/1 binary features, 4/2/1 other features; for a node's rows through `idx`,
// or for all rows): each is compiled with complete type feedback for its single loop. One large builder with
// all loops inline got on-stack-replaced in its first loop, then deoptimized at every later loop on each call
// until its slow (hundreds of ms on a busy machine) full compile finished, which doubled the first fits' time.

function binary4(out: Float64Array, offset: Int32Array, bins: BinnedMatrix, nRows: number, idx: Uint32Array, start: number, n: number, G: Float32Array, H: Float32Array, fa: number, fb: number, fc: number, fd: number, sumG: number, sumH: number): void {
  const ca = fa * nRows;
  const cb = fb * nRows;
  const cc = fc * nRows;
  const cd = fd * nRows;
  let ga = 0;
  let ha = 0;
  let na = 0;
  let gb = 0;
  let hb = 0;
  let nb = 0;
  let gc = 0;
  let hc = 0;
  let nc = 0;
  let gd = 0;
  let hd = 0;
  let nd = 0;
  for (let i = 0; i < n; i++) {
    const r = idx[start + i];
    const g = G[i];
    const h = H[i];
    const ba = bins[ca + r];
    const bb = bins[cb + r];
    const bc = bins[cc + r];
    const bd = bins[cd + r];
    ga += ba * g;
    ha += ba * h;
    na += ba;
    gb += bb * g;
    hb += bb * h;
    nb += bb;
    gc += bc * g;
    hc += bc * h;
    nc += bc;
    gd += bd * g;
    hd += bd * h;
    nd += bd;
  }
  writeBinary(out, offset[fa], sumG, sumH, n, ga, ha, na);
  writeBinary(out, offset[fb], sumG, sumH, n, gb, hb, nb);
  writeBinary(out, offset[fc], sumG, sumH, n, gc, hc, nc);
  writeBinary(out, offset[fd], sumG, sumH, n, gd, hd, nd);
}

function binary1(out: Float64Array, offset: Int32Array, bins: BinnedMatrix, nRows: number, idx: Uint32Array, start: number, n: number, G: Float32Array, H: Float32Array, f: number, sumG: number, sumH: number): void {
  const col = f * nRows;
  let g1 = 0;
  let h1 = 0;
  let c1 = 0;
  for (let i = 0; i < n; i++) {
    const b = bins[col + idx[start + i]];
    g1 += b * G[i];
    h1 += b * H[i];
    c1 += b;
  }
  writeBinary(out, offset[f], sumG, sumH, n, g1, h1, c1);
}

function other4(out: Float64Array, offset: Int32Array, nbnm: Int32Array, bins: BinnedMatrix, nRows: number, idx: Uint32Array, start: number, n: number, G: Float32Array, H: Float32Array, fa: number, fb: number, fc: number, fd: number): void {
  const ca = fa * nRows;
  const cb = fb * nRows;
  const cc = fc * nRows;
  const cd = fd * nRows;
  const oa = offset[fa];
  const ob = offset[fb];
  const oc = offset[fc];
  const od = offset[fd];
  const ma = nbnm[fa];
  const mb = nbnm[fb];
  const mc = nbnm[fc];
  const md = nbnm[fd];
  for (let i = 0; i < n; i++) {
    const r = idx[start + i];
    const g = G[i];
    const h = H[i];
    const ba = bins[ca + r];
    const bb = bins[cb + r];
    const bc = bins[cc + r];
    const bd = bins[cd + r];
    const sa = (oa + (ba < ma ? ba : ma)) * 3;
    const sb = (ob + (bb < mb ? bb : mb)) * 3;
    const sc = (oc + (bc < mc ? bc : mc)) * 3;
    const sd = (od + (bd < md ? bd : md)) * 3;
    out[sa] += g;
    out[sa + 1] += h;
    out[sa + 2] += 1;
    out[sb] += g;
    out[sb + 1] += h;
    out[sb + 2] += 1;
    out[sc] += g;
    out[sc + 1] += h;
    out[sc + 2] += 1;
    out[sd] += g;
    out[sd + 1] += h;
    out[sd + 2] += 1;
  }
}

function other2(out: Float64Array, offset: Int32Array, nbnm: Int32Array, bins: BinnedMatrix, nRows: number, idx: Uint32Array, start: number, n: number, G: Float32Array, H: Float32Array, fa: number, fb: number): void {
  const ca = fa * nRows;
  const cb = fb * nRows;
  const oa = offset[fa];
  const ob = offset[fb];
  const ma = nbnm[fa];
  const mb = nbnm[fb];
  for (let i = 0; i < n; i++) {
    const r = idx[start + i];
    const g = G[i];
    const h = H[i];
    const ba = bins[ca + r];
    const bb = bins[cb + r];
    const sa = (oa + (ba < ma ? ba : ma)) * 3;
    const sb = (ob + (bb < mb ? bb : mb)) * 3;
    out[sa] += g;
    out[sa + 1] += h;
    out[sa + 2] += 1;
    out[sb] += g;
    out[sb + 1] += h;
    out[sb + 2] += 1;
  }
}

function other1(out: Float64Array, offset: Int32Array, nbnm: Int32Array, bins: BinnedMatrix, nRows: number, idx: Uint32Array, start: number, n: number, G: Float32Array, H: Float32Array, f: number): void {
  const col = f * nRows;
  const off = offset[f];
  const nb = nbnm[f];
  for (let i = 0; i < n; i++) {
    const b = bins[col + idx[start + i]];
    const s = (off + (b < nb ? b : nb)) * 3;
    out[s] += G[i];
    out[s + 1] += H[i];
    out[s + 2] += 1;
  }
}

/**
 * Fast histogram of samples `idx[start..stop)`. Gradients/hessians are first gathered into
 * `orderedG`/`orderedH` (scratch, length ≥ stop - start) so the per-feature loops read them sequentially.
 * `sumG`/`sumH` are the node totals, used for binary features (bin 0 = total − bin 1), so the result
 * equals the naive histogram up to floating-point rounding.
 *
 * Features are processed in groups (4 binary or up to 4 other features per pass over the samples): every bin is
 * still summed in sample order, so the result is bit-identical to one feature per pass, but the
 * independent accumulation chains of the group overlap instead of waiting on each other's latency.
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
  const offset = layout.offset;
  const nbnm = layout.nBinsNonMissing;
  const bf = layout.binaryFeatures;
  let k = 0;
  for (; k + 4 <= bf.length; k += 4) binary4(out, offset, bins, nRows, idx, start, n, orderedG, orderedH, bf[k], bf[k + 1], bf[k + 2], bf[k + 3], sumG, sumH);
  for (; k < bf.length; k++) binary1(out, offset, bins, nRows, idx, start, n, orderedG, orderedH, bf[k], sumG, sumH);
  const of = layout.otherFeatures;
  k = 0;
  for (; k + 4 <= of.length; k += 4) other4(out, offset, nbnm, bins, nRows, idx, start, n, orderedG, orderedH, of[k], of[k + 1], of[k + 2], of[k + 3]);
  for (; k + 2 <= of.length; k += 2) other2(out, offset, nbnm, bins, nRows, idx, start, n, orderedG, orderedH, of[k], of[k + 1]);
  for (; k < of.length; k++) other1(out, offset, nbnm, bins, nRows, idx, start, n, orderedG, orderedH, of[k]);
}

/** Subtraction trick: `out = parent - sibling` (the larger child's histogram). */
export function subtractHistogram(layout: HistogramLayout, parent: Float64Array, sibling: Float64Array, out: Float64Array): void {
  const n = layout.totalBins * HIST_STRIDE;
  for (let i = 0; i < n; i++) out[i] = parent[i] - sibling[i];
}
