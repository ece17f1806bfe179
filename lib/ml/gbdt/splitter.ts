/**
 * Best split finding and sample partitioning (sklearn splitting.pyx).
 * Gain (no 1/2 factor, as sklearn): G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) = −G_L·v_L − G_R·v_R + G·v_node,
 * with v = −G/(H + λ + 1e-15). Missing values are tried on both sides (left-to-right scan sends them right,
 * right-to-left scan sends them left); features without missing values in training send NaN to the
 * child with more samples.
 */
import { HIST_STRIDE, VALUE_EPS, type BinnedMatrix, type HistogramLayout } from './dtypes';

/** Mutable split result, allocated once per fit and overwritten by `findBestSplit`. */
export interface SplitResult {
  /** Gain; ≤ 0 (−1) when no admissible split exists. */
  gain: number;
  feature: number;
  /** Samples with bin ≤ binIdx go left. */
  binIdx: number;
  missingGoLeft: boolean;
  sumGradientLeft: number;
  sumHessianLeft: number;
  nLeft: number;
  sumGradientRight: number;
  sumHessianRight: number;
  nRight: number;
}

export interface SplitConstraints {
  minSamplesLeaf: number;
  minHessianToSplit: number;
  l2Regularization: number;
}

/** A class, not an object literal (see grower-config.ts). */
class MutableSplitResult implements SplitResult {
  gain = -1;
  feature = -1;
  binIdx = -1;
  missingGoLeft = false;
  sumGradientLeft = 0;
  sumHessianLeft = 0;
  nLeft = 0;
  sumGradientRight = 0;
  sumHessianRight = 0;
  nRight = 0;
}

export function createSplitResult(): SplitResult {
  return new MutableSplitResult();
}

/** Leaf/node value before shrinkage. */
export function computeNodeValue(sumGradient: number, sumHessian: number, l2: number): number {
  return -sumGradient / (sumHessian + l2 + VALUE_EPS);
}

/**
 * Best split of a node from its histogram. `nodeValue` is the node's value used for the parent loss term
 * (sklearn passes 0 for the root). Writes into `out`; `out.gain = -1` when nothing is admissible.
 */
export function findBestSplit(
  layout: HistogramLayout,
  hasMissing: Uint8Array,
  hist: Float64Array,
  nSamples: number,
  sumGradients: number,
  sumHessians: number,
  nodeValue: number,
  c: SplitConstraints,
  out: SplitResult,
): void {
  const msl = c.minSamplesLeaf;
  const minH = c.minHessianToSplit;
  const l2 = c.l2Regularization + VALUE_EPS;
  const lossCurrent = sumGradients * nodeValue;
  let bestGain = -1;
  let bestF = -1;
  let bestBin = -1;
  let bestMissLeft = false;
  let bGL = 0;
  let bHL = 0;
  let bNL = 0;
  const offset = layout.offset;
  // a local copy: an imported binding is a property read per use in some module transforms (tsx/CJS)
  const stride = HIST_STRIDE;
  for (let f = 0; f < layout.nFeatures; f++) {
    const off = offset[f];
    const nb = layout.nBinsNonMissing[f];
    const hm = hasMissing[f];
    // left to right: missing values (if any) go right
    const end = nb - 1 + hm;
    let gl = 0;
    let hl = 0;
    let nl = 0;
    for (let b = 0; b < end; b++) {
      const s = (off + b) * stride;
      gl += hist[s];
      hl += hist[s + 1];
      nl += hist[s + 2];
      const nr = nSamples - nl;
      if (nl < msl) continue;
      if (nr < msl) break;
      if (hl < minH) continue;
      const hr = sumHessians - hl;
      if (hr < minH) break;
      const gr = sumGradients - gl;
      const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) + lossCurrent;
      if (gain > bestGain && gain > 0) {
        bestGain = gain;
        bestF = f;
        bestBin = b;
        bestMissLeft = hm ? false : nl > nr;
        bGL = gl;
        bHL = hl;
        bNL = nl;
      }
    }
    if (hm) {
      // right to left: missing values go left
      let gr = 0;
      let hr = 0;
      let nr = 0;
      for (let b = nb - 2; b >= 0; b--) {
        const s = (off + b + 1) * stride;
        gr += hist[s];
        hr += hist[s + 1];
        nr += hist[s + 2];
        const nl2 = nSamples - nr;
        if (nr < msl) continue;
        if (nl2 < msl) break;
        if (hr < minH) continue;
        const hl2 = sumHessians - hr;
        if (hl2 < minH) break;
        const gl2 = sumGradients - gr;
        const gain = (gl2 * gl2) / (hl2 + l2) + (gr * gr) / (hr + l2) + lossCurrent;
        if (gain > bestGain && gain > 0) {
          bestGain = gain;
          bestF = f;
          bestBin = b;
          bestMissLeft = true;
          bGL = gl2;
          bHL = hl2;
          bNL = nl2;
        }
      }
    }
  }
  out.gain = bestGain;
  out.feature = bestF;
  out.binIdx = bestBin;
  out.missingGoLeft = bestMissLeft;
  out.sumGradientLeft = bGL;
  out.sumHessianLeft = bHL;
  out.nLeft = bNL;
  out.sumGradientRight = sumGradients - bGL;
  out.sumHessianRight = sumHessians - bHL;
  out.nRight = nSamples - bNL;
}

/**
 * Reference split finder (for tests): enumerates every (feature, bin, missing side) directly from the
 * samples, no histogram. Same tie-breaking: first best in (feature, left-to-right, right-to-left) order.
 */
export function findBestSplitNaive(
  bins: BinnedMatrix,
  nRows: number,
  nFeatures: number,
  nBinsNonMissing: Int32Array,
  hasMissing: Uint8Array,
  missingBin: number,
  idx: ArrayLike<number>,
  start: number,
  stop: number,
  gradients: ArrayLike<number>,
  hessians: ArrayLike<number>,
  nodeValue: number,
  c: SplitConstraints,
): SplitResult {
  const out = createSplitResult();
  let G = 0;
  let H = 0;
  for (let i = start; i < stop; i++) {
    G += gradients[idx[i]];
    H += hessians[idx[i]];
  }
  const n = stop - start;
  const l2 = c.l2Regularization;
  const loss = (g: number, h: number) => g * computeNodeValue(g, h, l2);
  const tryCandidate = (f: number, bin: number, missLeft: boolean) => {
    let gl = 0;
    let hl = 0;
    let nl = 0;
    for (let i = start; i < stop; i++) {
      const r = idx[i];
      const b = bins[f * nRows + r];
      const left = b === missingBin ? missLeft : b <= bin;
      if (left) {
        gl += gradients[r];
        hl += hessians[r];
        nl++;
      }
    }
    const nr = n - nl;
    const hr = H - hl;
    if (nl < c.minSamplesLeaf || nr < c.minSamplesLeaf || hl < c.minHessianToSplit || hr < c.minHessianToSplit) return;
    const gain = -loss(gl, hl) - loss(G - gl, hr) + G * nodeValue;
    if (gain > out.gain && gain > 0) {
      out.gain = gain;
      out.feature = f;
      out.binIdx = bin;
      out.missingGoLeft = hasMissing[f] ? missLeft : nl > nr;
      out.sumGradientLeft = gl;
      out.sumHessianLeft = hl;
      out.nLeft = nl;
      out.sumGradientRight = G - gl;
      out.sumHessianRight = hr;
      out.nRight = nr;
    }
  };
  for (let f = 0; f < nFeatures; f++) {
    const nb = nBinsNonMissing[f];
    for (let b = 0; b < nb - 1 + hasMissing[f]; b++) tryCandidate(f, b, false);
    if (hasMissing[f]) for (let b = nb - 2; b >= 0; b--) tryCandidate(f, b, true);
  }
  return out;
}

/**
 * Stable partition of `idx[start..stop)` by the split: left samples first. Returns the boundary.
 * @param scratch Uint32Array of length ≥ stop - start
 */
export function partitionSamples(
  bins: BinnedMatrix,
  nRows: number,
  feature: number,
  binIdx: number,
  missingGoLeft: boolean,
  missingBin: number,
  idx: Uint32Array,
  start: number,
  stop: number,
  scratch: Uint32Array,
): number {
  const col = feature * nRows;
  let l = start;
  let nr = 0;
  if (missingGoLeft) {
    for (let i = start; i < stop; i++) {
      const r = idx[i];
      const b = bins[col + r];
      if (b <= binIdx || b === missingBin) idx[l++] = r;
      else scratch[nr++] = r;
    }
  } else {
    for (let i = start; i < stop; i++) {
      const r = idx[i];
      if (bins[col + r] <= binIdx) idx[l++] = r;
      else scratch[nr++] = r;
    }
  }
  idx.set(scratch.subarray(0, nr), l);
  return l;
}
