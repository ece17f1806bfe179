/**
 * Batch scoring on binned rows (the predictor's fast path for `predictRawBatch`). The model's float
 * thresholds are mapped back to bin indices of its `binThresholds`, so a batch is binned once
 * (uint8 per row × used feature, NaN → 255) and every tree is walked on small integers:
 * `x <= thresholds[k]` ⟺ `bin(x) <= k` with `bin(x)` = number of thresholds strictly below x (non-decreasing
 * thresholds), which is exactly the raw-float decision. Results are bit-identical to the raw traversal
 * (same leaves, added in the same tree order).
 *
 * Layout: nodes renumbered per tree breadth-first so the children of a node are adjacent
 * (`right = left + 1`); one packed word per node (`feature | bin << 16 | missingGoLeft << 24`) and the left
 * child index. A leaf points at itself with bin 255, so walking a tree for its full depth is branch-free;
 * four rows walk a tree together (independent dependency chains), trees outer within a block of rows.
 */

/** Compiled binned form of a forest; `null` from `compileBinnedForest` when the model can't be binned. */
export interface BinnedForest {
  nFeatures: number;
  /** Per feature: its thresholds (non-decreasing) or null when no split uses the feature. */
  thresholds: (Float64Array | null)[];
  /** Features used by at least one split, ascending. */
  usedFeatures: Int32Array;
  treeRoot: Int32Array;
  /** Max depth (edges) of each tree: number of levels to walk. */
  treeDepth: Int32Array;
  /** feature | bin << 16 | missingGoLeft << 24; leaves: 255 << 16 (feature 0, always "left"). */
  info: Int32Array;
  /** Left child (right = left + 1); leaves: themselves. */
  next: Int32Array;
  /** Leaf value (0 for internal nodes). */
  leafValue: Float64Array;
  /**
   * Per used feature k: its thresholds padded with +Infinity to a power of two minus one at
   * `padded[padOffset[k]..]`, and the first step of a fixed-length (branch-free) binary search (a power of two).
   */
  padded: Float64Array;
  padOffset: Int32Array;
  padStep: Int32Array;
}

/** Rows scored per block: the block's binned rows stay in L1. */
const BLOCK = 256;
const MISSING = 255;

interface ForestArrays {
  nFeatures: number;
  treeOffsets: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  missingGoLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  binThresholds?: number[][];
}

/** Index k with t[k] === v (first one), t.length for +Infinity, or -1. */
function thresholdBin(t: Float64Array, v: number): number {
  if (v === Infinity) return t.length;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo < t.length && t[lo] === v ? lo : -1;
}

/** Build the binned form, or null if the model has no usable `binThresholds` (then the raw path is used). */
export function compileBinnedForest(m: ForestArrays): BinnedForest | null {
  const bt = m.binThresholds;
  const nf = m.nFeatures;
  if (!bt || bt.length !== nf || nf > 0xffff) return null;
  const nTrees = m.treeOffsets.length - 1;
  const nNodes = m.feature.length;
  const thresholds: (Float64Array | null)[] = new Array<Float64Array | null>(nf).fill(null);
  for (let n = 0; n < nNodes; n++) {
    const f = m.feature[n];
    if (f < 0 || thresholds[f] !== null) continue;
    const t = Float64Array.from(bt[f]);
    if (t.length >= MISSING) return null;
    for (let k = 0; k < t.length; k++) if (!(t[k] === t[k]) || (k > 0 && t[k] < t[k - 1])) return null;
    thresholds[f] = t;
  }
  const used: number[] = [];
  for (let f = 0; f < nf; f++) if (thresholds[f] !== null) used.push(f);
  const info = new Int32Array(nNodes);
  const next = new Int32Array(nNodes);
  const leafValue = new Float64Array(nNodes);
  const treeRoot = new Int32Array(nTrees);
  const treeDepth = new Int32Array(nTrees);
  // breadth-first renumbering: queue holds old ids, new id = queue position
  const queue = new Int32Array(nNodes);
  const depth = new Int32Array(nNodes);
  for (let t = 0; t < nTrees; t++) {
    const base = m.treeOffsets[t];
    const end = m.treeOffsets[t + 1];
    if (end <= base) return null;
    treeRoot[t] = base;
    let head = base;
    let tail = base;
    queue[tail++] = base;
    depth[base] = 0;
    let maxD = 0;
    while (head < tail) {
      const id = head;
      const old = queue[head++];
      const f = m.feature[old];
      if (f < 0) {
        info[id] = MISSING << 16;
        next[id] = id;
        leafValue[id] = m.value[old];
        if (depth[id] > maxD) maxD = depth[id];
        continue;
      }
      const l = m.left[old];
      const r = m.right[old];
      if (f >= nf || l < base || l >= end || r < base || r >= end || tail + 2 > end) return null;
      const bin = thresholdBin(thresholds[f] as Float64Array, m.threshold[old]);
      if (bin < 0) return null;
      info[id] = f | (bin << 16) | ((m.missingGoLeft[old] === 1 ? 1 : 0) << 24);
      next[id] = tail;
      depth[tail] = depth[id] + 1;
      queue[tail++] = l;
      depth[tail] = depth[id] + 1;
      queue[tail++] = r;
    }
    if (tail !== end) return null;
    treeDepth[t] = maxD;
  }
  const padOffset = new Int32Array(used.length);
  const padStep = new Int32Array(used.length);
  let total = 0;
  for (let k = 0; k < used.length; k++) {
    const len = (thresholds[used[k]] as Float64Array).length;
    let p = 1;
    while (p < len + 1) p <<= 1;
    padOffset[k] = total;
    padStep[k] = p >>> 1;
    total += p - 1;
  }
  const padded = new Float64Array(total).fill(Infinity);
  for (let k = 0; k < used.length; k++) padded.set(thresholds[used[k]] as Float64Array, padOffset[k]);
  return { nFeatures: nf, thresholds, usedFeatures: Int32Array.from(used), treeRoot, treeDepth, info, next, leafValue, padded, padOffset, padStep };
}

/**
 * Bin of `x`: the number of thresholds strictly below it (NaN → 255), by a fixed number of halving steps over
 * the padded thresholds of used feature k, so the data-dependent comparisons never mispredict.
 */
function binOf(padded: Float64Array, off: number, step: number, x: number): number {
  if (x !== x) return MISSING;
  let pos = 0;
  // `+(a < b)` compiles to a flag read; a ternary here becomes an unpredictable branch
  for (let s = step; s > 0; s >>= 1) pos += s * +(padded[off + pos + s - 1] < x);
  return pos;
}

/**
 * `res[i] = baseline + Σ_t leaf value` for rows `0..nRows-1` of row-major `X` (nRows × nFeatures).
 * `rowBins` (≥ BLOCK × nFeatures bytes) is scratch.
 */
export function predictRawBinnedBatch(bf: BinnedForest, X: Float64Array, nRows: number, baseline: number, res: Float64Array, rowBins: Uint8Array): void {
  const nf = bf.nFeatures;
  const used = bf.usedFeatures;
  const nUsed = used.length;
  const padded = bf.padded;
  const padOffset = bf.padOffset;
  const padStep = bf.padStep;
  const info = bf.info;
  const next = bf.next;
  const leafValue = bf.leafValue;
  const treeRoot = bf.treeRoot;
  const treeDepth = bf.treeDepth;
  const nTrees = treeRoot.length;
  res.fill(baseline, 0, nRows);
  for (let b0 = 0; b0 < nRows; b0 += BLOCK) {
    const nb = Math.min(nRows, b0 + BLOCK) - b0;
    // bin the block once, rows outer so X is read sequentially: rowBins[i * nf + f]
    for (let i = 0; i < nb; i++) {
      const xb = (b0 + i) * nf;
      const rb = i * nf;
      for (let k = 0; k < nUsed; k++) {
        const f = used[k];
        const x = X[xb + f];
        const step = padStep[k];
        if (step === 1) rowBins[rb + f] = x !== x ? MISSING : +(padded[padOffset[k]] < x);
        else rowBins[rb + f] = binOf(padded, padOffset[k], step, x);
      }
    }
    for (let t = 0; t < nTrees; t++) {
      const root = treeRoot[t];
      const d = treeDepth[t];
      // 4 rows walk the tree together: four independent dependency chains per level
      let i = 0;
      for (; i + 4 <= nb; i += 4) {
        const r0 = i * nf;
        const r1 = r0 + nf;
        const r2 = r1 + nf;
        const r3 = r2 + nf;
        let n0 = root;
        let n1 = root;
        let n2 = root;
        let n3 = root;
        for (let level = 0; level < d; level++) {
          const w0 = info[n0];
          const w1 = info[n1];
          const w2 = info[n2];
          const w3 = info[n3];
          const c0 = rowBins[r0 + (w0 & 0xffff)];
          const c1 = rowBins[r1 + (w1 & 0xffff)];
          const c2 = rowBins[r2 + (w2 & 0xffff)];
          // all four at leaves (bin field 255 only in leaves): the rest of the tree's depth is a no-op
          if ((((w0 & w1 & w2 & w3) >>> 16) & 0xff) === 0xff) break;
          const c3 = rowBins[r3 + (w3 & 0xffff)];
          // right iff bin > node bin, flipped for a missing value (bin 255) when missingGoLeft
          n0 = next[n0] + (((((w0 >>> 16) & 0xff) - c0) >>> 31) ^ (((c0 + 1) >> 8) & (w0 >>> 24)));
          n1 = next[n1] + (((((w1 >>> 16) & 0xff) - c1) >>> 31) ^ (((c1 + 1) >> 8) & (w1 >>> 24)));
          n2 = next[n2] + (((((w2 >>> 16) & 0xff) - c2) >>> 31) ^ (((c2 + 1) >> 8) & (w2 >>> 24)));
          n3 = next[n3] + (((((w3 >>> 16) & 0xff) - c3) >>> 31) ^ (((c3 + 1) >> 8) & (w3 >>> 24)));
        }
        res[b0 + i] += leafValue[n0];
        res[b0 + i + 1] += leafValue[n1];
        res[b0 + i + 2] += leafValue[n2];
        res[b0 + i + 3] += leafValue[n3];
      }
      for (; i < nb; i++) {
        const r0 = i * nf;
        let n0 = root;
        for (let level = 0; level < d; level++) {
          const w0 = info[n0];
          const c0 = rowBins[r0 + (w0 & 0xffff)];
          n0 = next[n0] + (((((w0 >>> 16) & 0xff) - c0) >>> 31) ^ (((c0 + 1) >> 8) & (w0 >>> 24)));
        }
        res[b0 + i] += leafValue[n0];
      }
    }
  }
}

/** Scratch row buffer for `predictRawBinnedBatch`. */
export function binnedScratch(nFeatures: number): Uint8Array {
  return new Uint8Array(BLOCK * nFeatures);
}

/**
 * Raw margin of one row (features at `row[base + f]`): bins its used features into `rowBins` (scratch, ≥ nFeatures
 * bytes), then walks four trees at a time (independent dependency chains); leaf values are added in tree order,
 * so the sum is bit-identical to the raw traversal. No allocation.
 */
export function predictRawBinnedRow(bf: BinnedForest, row: ArrayLike<number>, base: number, baseline: number, rowBins: Uint8Array): number {
  const used = bf.usedFeatures;
  const padded = bf.padded;
  const padOffset = bf.padOffset;
  const padStep = bf.padStep;
  for (let k = 0; k < used.length; k++) {
    const f = used[k];
    const x = row[base + f];
    const step = padStep[k];
    rowBins[f] = step === 1 ? (x !== x ? MISSING : +(padded[padOffset[k]] < x)) : binOf(padded, padOffset[k], step, x);
  }
  const info = bf.info;
  const next = bf.next;
  const leafValue = bf.leafValue;
  const treeRoot = bf.treeRoot;
  const treeDepth = bf.treeDepth;
  const nTrees = treeRoot.length;
  let s = baseline;
  let t = 0;
  for (; t + 4 <= nTrees; t += 4) {
    let n0 = treeRoot[t];
    let n1 = treeRoot[t + 1];
    let n2 = treeRoot[t + 2];
    let n3 = treeRoot[t + 3];
    let d = treeDepth[t];
    if (treeDepth[t + 1] > d) d = treeDepth[t + 1];
    if (treeDepth[t + 2] > d) d = treeDepth[t + 2];
    if (treeDepth[t + 3] > d) d = treeDepth[t + 3];
    for (let level = 0; level < d; level++) {
      const w0 = info[n0];
      const w1 = info[n1];
      const w2 = info[n2];
      const w3 = info[n3];
      const c0 = rowBins[w0 & 0xffff];
      const c1 = rowBins[w1 & 0xffff];
      const c2 = rowBins[w2 & 0xffff];
      const c3 = rowBins[w3 & 0xffff];
      n0 = next[n0] + (((((w0 >>> 16) & 0xff) - c0) >>> 31) ^ (((c0 + 1) >> 8) & (w0 >>> 24)));
      n1 = next[n1] + (((((w1 >>> 16) & 0xff) - c1) >>> 31) ^ (((c1 + 1) >> 8) & (w1 >>> 24)));
      n2 = next[n2] + (((((w2 >>> 16) & 0xff) - c2) >>> 31) ^ (((c2 + 1) >> 8) & (w2 >>> 24)));
      n3 = next[n3] + (((((w3 >>> 16) & 0xff) - c3) >>> 31) ^ (((c3 + 1) >> 8) & (w3 >>> 24)));
    }
    s += leafValue[n0];
    s += leafValue[n1];
    s += leafValue[n2];
    s += leafValue[n3];
  }
  for (; t < nTrees; t++) {
    let n0 = treeRoot[t];
    for (let level = treeDepth[t]; level > 0; level--) {
      const w0 = info[n0];
      const c0 = rowBins[w0 & 0xffff];
      n0 = next[n0] + (((((w0 >>> 16) & 0xff) - c0) >>> 31) ^ (((c0 + 1) >> 8) & (w0 >>> 24)));
    }
    s += leafValue[n0];
  }
  return s;
}
