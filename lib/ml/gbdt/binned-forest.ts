/**
 * The compiled binned form of a forest (the predictor's fast path; kernels in `binned-predict.ts`). The model's
 * float thresholds are mapped back to bin indices of its `binThresholds`, so rows are binned once (uint8 per
 * column) and every tree is walked on small integers: `x <= thresholds[k]` ⟺ `bin(x) <= k` with `bin(x)` = number
 * of thresholds strictly below x (non-decreasing thresholds), which is exactly the raw-float decision. Results are
 * bit-identical to the raw traversal (same leaves, added in the same tree order).
 *
 * Missing values without a branch: a binned row has one column per feature with NaN → 255 (above every node
 * bin, so it goes right) and, for each feature with a "missing goes left" split, a second column with NaN → 0
 * (at or below every node bin, so it goes left). A node reads whichever column its missingGoLeft flag needs, so
 * every decision is the single comparison `bin(x) > nodeBin` ⟹ right.
 *
 * Node layout: nodes renumbered per tree breadth-first so the children of a node are adjacent (right = left + 1),
 * and one Int32 per node: `(255 − nodeBin) | (left − node) << 8 | column << 16`. Then
 * `((word & 0xffff) + bin) >>> 8` = (left − node) + [bin > nodeBin] for any bin 0..255, so one step is
 * `node += ((word & 0xffff) + rowBins[row + (word >>> 16)]) >>> 8`. A leaf's word is 0: it stays put, so a
 * tree can be walked for its full depth without a branch per row.
 */

/** Compiled binned form of a forest; `null` from `compileBinnedForest` when the model can't be binned. */
export interface BinnedForest {
  nFeatures: number;
  /** Bytes per binned row: a column per feature, one per missing-goes-left feature, and one scratch column. */
  stride: number;
  treeRoot: Int32Array;
  /** Max depth (edges) of each tree: number of levels to walk. */
  treeDepth: Int32Array;
  /** Per node (breadth-first per tree): `(255 − bin) | (left − node) << 8 | column << 16`; leaves 0. */
  node: Int32Array;
  /** Leaf value by node (0 for internal nodes). */
  leafValue: Float64Array;
  /** Features with one threshold: feature, its missing-goes-left column (or the scratch column), threshold. */
  oneFeature: Int32Array;
  oneMissLeftCol: Int32Array;
  oneThreshold: Float64Array;
  /**
   * Other used features: feature, missing-goes-left column, and a fixed-length (branch-free) binary search over
   * their thresholds padded with +Infinity to a power of two minus one at `padded[padOffset[k]..]`, whose
   * first step `padStep[k]` is a power of two (0 for a feature without thresholds).
   */
  multiFeature: Int32Array;
  multiMissLeftCol: Int32Array;
  padOffset: Int32Array;
  padStep: Int32Array;
  padded: Float64Array;
}

export const MISSING_BIN = 255;

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

/**
 * Build the binned form, or null (then the raw-float path is used) if the model has no usable `binThresholds`,
 * a feature has ≥ 255 thresholds, more than 65,535 columns are needed, or a tree is too wide for 8-bit child
 * offsets (over ~255 nodes, i.e. `max_leaf_nodes` above 128).
 */
export function compileBinnedForest(m: ForestArrays): BinnedForest | null {
  const bt = m.binThresholds;
  const nf = m.nFeatures;
  if (!bt || bt.length !== nf) return null;
  const nTrees = m.treeOffsets.length - 1;
  const nNodes = m.feature.length;
  const thresholds: (Float64Array | null)[] = new Array<Float64Array | null>(nf).fill(null);
  const missLeft = new Uint8Array(nf);
  for (let n = 0; n < nNodes; n++) {
    const f = m.feature[n];
    if (f < 0) continue;
    if (f >= nf) return null;
    if (m.missingGoLeft[n] === 1) missLeft[f] = 1;
    if (thresholds[f] !== null) continue;
    const t = Float64Array.from(bt[f]);
    if (t.length >= MISSING_BIN) return null;
    for (let k = 0; k < t.length; k++) if (!(t[k] === t[k]) || (k > 0 && t[k] < t[k - 1])) return null;
    thresholds[f] = t;
  }
  // columns: features 0..nf-1, then one per missing-goes-left feature, then the scratch column
  const missLeftCol = new Int32Array(nf);
  let stride = nf;
  for (let f = 0; f < nf; f++) if (thresholds[f] !== null && missLeft[f] === 1) missLeftCol[f] = stride++;
  const scratch = stride++;
  for (let f = 0; f < nf; f++) if (thresholds[f] === null || missLeft[f] === 0) missLeftCol[f] = scratch;
  if (stride - 1 > 0xffff) return null;

  const node = new Int32Array(nNodes);
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
        node[id] = 0;
        leafValue[id] = m.value[old];
        if (depth[id] > maxD) maxD = depth[id];
        continue;
      }
      const l = m.left[old];
      const r = m.right[old];
      if (l < base || l >= end || r < base || r >= end || tail + 2 > end || tail - id > 0xff) return null;
      const bin = thresholdBin(thresholds[f] as Float64Array, m.threshold[old]);
      if (bin < 0) return null;
      const col = m.missingGoLeft[old] === 1 ? missLeftCol[f] : f;
      node[id] = (MISSING_BIN - bin) | ((tail - id) << 8) | (col << 16);
      depth[tail] = depth[id] + 1;
      queue[tail++] = l;
      depth[tail] = depth[id] + 1;
      queue[tail++] = r;
    }
    if (tail !== end) return null;
    treeDepth[t] = maxD;
  }

  const one: number[] = [];
  const multi: number[] = [];
  for (let f = 0; f < nf; f++) {
    const t = thresholds[f];
    if (t !== null) (t.length === 1 ? one : multi).push(f);
  }
  const padOffset = new Int32Array(multi.length);
  const padStep = new Int32Array(multi.length);
  let total = 0;
  for (let k = 0; k < multi.length; k++) {
    const len = (thresholds[multi[k]] as Float64Array).length;
    let p = 1;
    while (p < len + 1) p <<= 1;
    padOffset[k] = total;
    padStep[k] = p >>> 1;
    total += p - 1;
  }
  const padded = new Float64Array(total).fill(Infinity);
  for (let k = 0; k < multi.length; k++) padded.set(thresholds[multi[k]] as Float64Array, padOffset[k]);
  return {
    nFeatures: nf,
    stride,
    treeRoot,
    treeDepth,
    node,
    leafValue,
    oneFeature: Int32Array.from(one),
    oneMissLeftCol: Int32Array.from(one, (f) => missLeftCol[f]),
    oneThreshold: Float64Array.from(one, (f) => (thresholds[f] as Float64Array)[0]),
    multiFeature: Int32Array.from(multi),
    multiMissLeftCol: Int32Array.from(multi, (f) => missLeftCol[f]),
    padOffset,
    padStep,
    padded,
  };
}
