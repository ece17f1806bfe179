/**
 * Best-first tree growing (sklearn grower.py TreeGrower). All buffers are allocated once per fit in the
 * constructor; `grow` reuses them for every tree. Samples live in one partition array (`Uint32Array`),
 * each node owning a `[start, stop)` range; the smaller child's histogram is built, the larger one's is
 * parent − smaller.
 */
import { HIST_STRIDE, MIN_HESSIAN_TO_SPLIT, type BinnedMatrix } from './dtypes';
import { Constraints, GrowerSettings, TreeArrays, type GrowerConfig } from './grower-config';
import { buildHistogram, subtractHistogram } from './histogram';
import { buildHistogramRoot } from './histogram-root';
import type { TreeBuffer } from './predictor';
import { computeNodeValue, createSplitResult, findBestSplit, partitionSamples, type SplitConstraints } from './splitter';

export type { GrowerConfig } from './grower-config';

export class TreeGrower {
  private readonly cfg: GrowerConfig;
  private readonly constraints: SplitConstraints;
  private readonly maxNodes: number;
  /** Partition: sample indices, each node a [start, stop) range. */
  readonly idx: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly orderedG: Float32Array;
  private readonly orderedH: Float32Array;
  // node state (struct of arrays, node ids in creation order, root = 0)
  private readonly start: Int32Array;
  private readonly stop: Int32Array;
  private readonly depth: Int32Array;
  private readonly sumG: Float64Array;
  private readonly sumH: Float64Array;
  private readonly nodeValue: Float64Array;
  private readonly histSlot: Int32Array;
  private readonly sFeature: Int32Array;
  private readonly sBin: Int32Array;
  private readonly sMissLeft: Uint8Array;
  private readonly sGain: Float64Array;
  private readonly sGL: Float64Array;
  private readonly sHL: Float64Array;
  private readonly sGR: Float64Array;
  private readonly sHR: Float64Array;
  private readonly splittable: Int32Array;
  private nSplittable = 0;
  private nNodes = 0;
  // histogram pool (grows on demand, then reused)
  private readonly histSize: number;
  private readonly pool: Float64Array[] = [];
  /** Stack of free pool slots (typed, sized for the worst case: every node holding a histogram). */
  private readonly freeSlots: Int32Array;
  private nFree = 0;
  private readonly split = createSplitResult();
  /** Output of the last `grow` call. */
  readonly tree: TreeBuffer;

  constructor(cfg: GrowerConfig) {
    // class-backed copies of the settings, not the caller's literal (see grower-config.ts)
    this.cfg = new GrowerSettings(cfg);
    this.constraints = new Constraints(cfg.minSamplesLeaf, MIN_HESSIAN_TO_SPLIT, cfg.l2Regularization);
    const n = cfg.nRows;
    const leafBound = Math.max(1, Math.floor(n / cfg.minSamplesLeaf));
    const maxLeaves = cfg.maxLeafNodes === null ? leafBound : Math.min(cfg.maxLeafNodes, leafBound);
    this.maxNodes = 2 * maxLeaves - 1;
    const m = this.maxNodes;
    this.idx = new Uint32Array(n);
    this.scratch = new Uint32Array(n);
    this.orderedG = new Float32Array(n);
    this.orderedH = new Float32Array(n);
    this.start = new Int32Array(m);
    this.stop = new Int32Array(m);
    this.depth = new Int32Array(m);
    this.sumG = new Float64Array(m);
    this.sumH = new Float64Array(m);
    this.nodeValue = new Float64Array(m);
    this.histSlot = new Int32Array(m);
    this.sFeature = new Int32Array(m);
    this.sBin = new Int32Array(m);
    this.sMissLeft = new Uint8Array(m);
    this.sGain = new Float64Array(m);
    this.sGL = new Float64Array(m);
    this.sHL = new Float64Array(m);
    this.sGR = new Float64Array(m);
    this.sHR = new Float64Array(m);
    this.splittable = new Int32Array(maxLeaves + 1);
    this.histSize = cfg.layout.totalBins * HIST_STRIDE;
    this.freeSlots = new Int32Array(m + 2);
    this.tree = new TreeArrays(m);
  }

  private acquireHist(): number {
    if (this.nFree > 0) return this.freeSlots[--this.nFree];
    // the pool only grows until it covers the widest tree, normally during the first iteration
    this.pool.push(new Float64Array(this.histSize));
    return this.pool.length - 1;
  }

  private releaseHist(node: number): void {
    const s = this.histSlot[node];
    if (s >= 0) {
      this.freeSlots[this.nFree++] = s;
      this.histSlot[node] = -1;
    }
  }

  private newNode(start: number, stop: number, depth: number, g: number, h: number, value: number): number {
    const id = this.nNodes++;
    this.start[id] = start;
    this.stop[id] = stop;
    this.depth[id] = depth;
    this.sumG[id] = g;
    this.sumH[id] = h;
    this.nodeValue[id] = value;
    this.histSlot[id] = -1;
    this.sFeature[id] = -1;
    const t = this.tree;
    t.feature[id] = -1;
    t.threshold[id] = 0;
    t.missingGoLeft[id] = 0;
    t.left[id] = -1;
    t.right[id] = -1;
    t.count[id] = stop - start;
    t.gain[id] = 0;
    t.value[id] = this.cfg.shrinkage * computeNodeValue(g, h, this.cfg.l2Regularization);
    return id;
  }

  /** Find the node's best split from its histogram; push it if splittable, else release its histogram. */
  private findSplitAndPush(node: number): void {
    const cfg = this.cfg;
    const sp = this.split;
    const n = this.stop[node] - this.start[node];
    findBestSplit(cfg.layout, cfg.hasMissing, this.pool[this.histSlot[node]], n, this.sumG[node], this.sumH[node], this.nodeValue[node], this.constraints, sp);
    if (sp.gain <= 0) {
      this.releaseHist(node);
      return;
    }
    this.sFeature[node] = sp.feature;
    this.sBin[node] = sp.binIdx;
    this.sMissLeft[node] = sp.missingGoLeft ? 1 : 0;
    this.sGain[node] = sp.gain;
    this.sGL[node] = sp.sumGradientLeft;
    this.sHL[node] = sp.sumHessianLeft;
    this.sGR[node] = sp.sumGradientRight;
    this.sHR[node] = sp.sumHessianRight;
    this.splittable[this.nSplittable++] = node;
  }

  /**
   * Grow one tree on the current gradients/hessians (aligned with the training rows).
   * Returns `this.tree` (overwritten by the next call).
   */
  grow(gradients: Float32Array, hessians: Float32Array): TreeBuffer {
    const cfg = this.cfg;
    const nRows = cfg.nRows;
    const msl = cfg.minSamplesLeaf;
    const l2 = cfg.l2Regularization;
    const idx = this.idx;
    for (let i = 0; i < nRows; i++) idx[i] = i;
    this.nNodes = 0;
    this.nSplittable = 0;
    for (let i = 0; i < this.pool.length; i++) this.freeSlots[i] = this.pool.length - 1 - i;
    this.nFree = this.pool.length;
    let G = 0;
    let H = 0;
    for (let i = 0; i < nRows; i++) {
      G += gradients[i];
      H += hessians[i];
    }
    // sklearn gives the root value 0 in the split search (its parent-loss term vanishes)
    const root = this.newNode(0, nRows, 0, G, H, 0);
    let nLeaves = 1;
    if (nRows >= 2 * msl && H >= MIN_HESSIAN_TO_SPLIT) {
      const slot = this.acquireHist();
      this.histSlot[root] = slot;
      buildHistogramRoot(cfg.layout, cfg.bins, nRows, gradients, hessians, G, H, this.pool[slot]);
      this.findSplitAndPush(root);
    }
    const t = this.tree;
    while (this.nSplittable > 0) {
      // best-first: highest gain, first pushed on ties
      let best = 0;
      for (let k = 1; k < this.nSplittable; k++) {
        if (this.sGain[this.splittable[k]] > this.sGain[this.splittable[best]]) best = k;
      }
      const node = this.splittable[best];
      for (let k = best + 1; k < this.nSplittable; k++) this.splittable[k - 1] = this.splittable[k];
      this.nSplittable--;

      const f = this.sFeature[node];
      const bin = this.sBin[node];
      const ml = this.sMissLeft[node] === 1;
      const s0 = this.start[node];
      const s1 = this.stop[node];
      const mid = partitionSamples(cfg.bins, nRows, f, bin, ml, cfg.missingBin, idx, s0, s1, this.scratch);
      const d = this.depth[node] + 1;
      const gl = this.sGL[node];
      const hl = this.sHL[node];
      const gr = this.sGR[node];
      const hr = this.sHR[node];
      const left = this.newNode(s0, mid, d, gl, hl, computeNodeValue(gl, hl, l2));
      const right = this.newNode(mid, s1, d, gr, hr, computeNodeValue(gr, hr, l2));
      const th = cfg.thresholds[f];
      t.feature[node] = f;
      t.threshold[node] = bin < th.length ? th[bin] : Infinity;
      t.missingGoLeft[node] = ml ? 1 : 0;
      t.left[node] = left;
      t.right[node] = right;
      // report the gain with the parent term included (sklearn's root gain omits it)
      t.gain[node] = node === root ? this.sGain[node] + this.sumG[node] * computeNodeValue(this.sumG[node], this.sumH[node], l2) : this.sGain[node];
      nLeaves++;

      let leftLeaf = false;
      let rightLeaf = false;
      if (cfg.maxLeafNodes !== null && nLeaves >= cfg.maxLeafNodes) {
        leftLeaf = true;
        rightLeaf = true;
        for (let k = 0; k < this.nSplittable; k++) this.releaseHist(this.splittable[k]);
        this.nSplittable = 0;
      }
      if (cfg.maxDepth !== null && d >= cfg.maxDepth) {
        leftLeaf = true;
        rightLeaf = true;
      }
      if (mid - s0 < 2 * msl) leftLeaf = true;
      if (s1 - mid < 2 * msl) rightLeaf = true;
      if (this.nNodes + 2 > this.maxNodes) {
        leftLeaf = true;
        rightLeaf = true;
      }
      if (!leftLeaf || !rightLeaf) {
        const small = mid - s0 < s1 - mid ? left : right;
        const large = small === left ? right : left;
        const ss = this.acquireHist();
        this.histSlot[small] = ss;
        buildHistogram(cfg.layout, cfg.bins, nRows, idx, this.start[small], this.stop[small], gradients, hessians, this.orderedG, this.orderedH, this.sumG[small], this.sumH[small], this.pool[ss]);
        const ls = this.acquireHist();
        this.histSlot[large] = ls;
        subtractHistogram(cfg.layout, this.pool[this.histSlot[node]], this.pool[ss], this.pool[ls]);
        this.releaseHist(node);
        if (leftLeaf) this.releaseHist(left);
        else this.findSplitAndPush(left);
        if (rightLeaf) this.releaseHist(right);
        else this.findSplitAndPush(right);
      } else {
        this.releaseHist(node);
      }
    }
    t.nNodes = this.nNodes;
    return t;
  }

  /**
   * raw[i] += leaf value of the last grown tree for rows binned with the training mapper (column-major
   * `bins[f * nRows + i]`, e.g. the validation rows). Bin comparisons equal the raw-threshold ones
   * (`x <= thresholds[b]` ⟺ bin(x) ≤ b), so this matches the artifact's traversal exactly.
   */
  addTreePredictionsBinned(bins: BinnedMatrix, nRows: number, raw: Float64Array): void {
    const t = this.tree;
    const feature = t.feature;
    const left = t.left;
    const right = t.right;
    const mgl = t.missingGoLeft;
    const value = t.value;
    const sBin = this.sBin;
    const missingBin = this.cfg.missingBin;
    for (let i = 0; i < nRows; i++) {
      let node = 0;
      let f = feature[0];
      while (f >= 0) {
        const b = bins[f * nRows + i];
        node = (b === missingBin ? mgl[node] === 1 : b <= sBin[node]) ? left[node] : right[node];
        f = feature[node];
      }
      raw[i] += value[node];
    }
  }

  /** raw[sample] += leaf value, for every training sample, using the partition of the last `grow`. */
  addLeafValues(raw: Float64Array): void {
    const t = this.tree;
    const idx = this.idx;
    for (let n = 0; n < this.nNodes; n++) {
      if (t.feature[n] >= 0) continue;
      const v = t.value[n];
      for (let i = this.start[n]; i < this.stop[n]; i++) raw[idx[i]] += v;
    }
  }
}
