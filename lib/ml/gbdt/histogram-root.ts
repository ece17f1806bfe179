/**
 * The root's gradient/hessian histogram (all rows 0..nRows-1; histogram.ts has the layout): the kernels of
 * `buildHistogram` without the row index, so bins and gradients are read sequentially. One small function per loop
 * shape, for the reason histogram.ts gives.
 */
import { HIST_STRIDE, type BinnedMatrix, type HistogramLayout } from './dtypes';
import { writeBinary } from './histogram';

function binary4Root(out: Float64Array, offset: Int32Array, bins: BinnedMatrix, nRows: number, n: number, G: Float32Array, H: Float32Array, fa: number, fb: number, fc: number, fd: number, sumG: number, sumH: number): void {
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
    const g = G[i];
    const h = H[i];
    const ba = bins[ca + i];
    const bb = bins[cb + i];
    const bc = bins[cc + i];
    const bd = bins[cd + i];
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

function binary1Root(out: Float64Array, offset: Int32Array, bins: BinnedMatrix, nRows: number, n: number, G: Float32Array, H: Float32Array, f: number, sumG: number, sumH: number): void {
  const col = f * nRows;
  let g1 = 0;
  let h1 = 0;
  let c1 = 0;
  for (let i = 0; i < n; i++) {
    const b = bins[col + i];
    g1 += b * G[i];
    h1 += b * H[i];
    c1 += b;
  }
  writeBinary(out, offset[f], sumG, sumH, n, g1, h1, c1);
}

function other4Root(out: Float64Array, offset: Int32Array, nbnm: Int32Array, bins: BinnedMatrix, nRows: number, n: number, G: Float32Array, H: Float32Array, fa: number, fb: number, fc: number, fd: number): void {
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
    const g = G[i];
    const h = H[i];
    const ba = bins[ca + i];
    const bb = bins[cb + i];
    const bc = bins[cc + i];
    const bd = bins[cd + i];
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

function other2Root(out: Float64Array, offset: Int32Array, nbnm: Int32Array, bins: BinnedMatrix, nRows: number, n: number, G: Float32Array, H: Float32Array, fa: number, fb: number): void {
  const ca = fa * nRows;
  const cb = fb * nRows;
  const oa = offset[fa];
  const ob = offset[fb];
  const ma = nbnm[fa];
  const mb = nbnm[fb];
  for (let i = 0; i < n; i++) {
    const g = G[i];
    const h = H[i];
    const ba = bins[ca + i];
    const bb = bins[cb + i];
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

function other1Root(out: Float64Array, offset: Int32Array, nbnm: Int32Array, bins: BinnedMatrix, nRows: number, n: number, G: Float32Array, H: Float32Array, f: number): void {
  const col = f * nRows;
  const off = offset[f];
  const nb = nbnm[f];
  for (let i = 0; i < n; i++) {
    const b = bins[col + i];
    const s = (off + (b < nb ? b : nb)) * 3;
    out[s] += G[i];
    out[s + 1] += H[i];
    out[s + 2] += 1;
  }
}

/** Fast histogram of all rows 0..nRows-1 (the root): sequential reads of bins and gradients, grouped as `buildHistogram`. */
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
  const offset = layout.offset;
  const nbnm = layout.nBinsNonMissing;
  const bf = layout.binaryFeatures;
  let k = 0;
  for (; k + 4 <= bf.length; k += 4) binary4Root(out, offset, bins, nRows, nRows, gradients, hessians, bf[k], bf[k + 1], bf[k + 2], bf[k + 3], sumG, sumH);
  for (; k < bf.length; k++) binary1Root(out, offset, bins, nRows, nRows, gradients, hessians, bf[k], sumG, sumH);
  const of = layout.otherFeatures;
  k = 0;
  for (; k + 4 <= of.length; k += 4) other4Root(out, offset, nbnm, bins, nRows, nRows, gradients, hessians, of[k], of[k + 1], of[k + 2], of[k + 3]);
  for (; k + 2 <= of.length; k += 2) other2Root(out, offset, nbnm, bins, nRows, nRows, gradients, hessians, of[k], of[k + 1]);
  for (; k < of.length; k++) other1Root(out, offset, nbnm, bins, nRows, nRows, gradients, hessians, of[k]);
}
