/**
 * Flat-array GBDT model (sklearn predictor.py / TreePredictor), independent of the training nodes and
 * identical in browser and server. All trees live in shared struct-of-arrays; tree t owns node indices
 * `[treeOffsets[t], treeOffsets[t + 1])`, its root first. Internal node: `x[feature] <= threshold` goes
 * left, NaN goes left iff `missingGoLeft`; leaves have `feature = -1`, `left = right = -1`.
 */
import { GBDT_FORMAT, GBDT_VERSION, parseGbdtArtifact, type GbdtModelInit, type GbdtModelJSON } from './artifact';
import { compileBinnedForest, type BinnedForest } from './binned-forest';
import { binnedRowScratch, binnedScratch, predictRawBinnedBatch, predictRawBinnedRow } from './binned-predict';
import { sigmoid } from './loss';
import type { HistGradientBoostingParams } from './params';

export { GBDT_FORMAT, GBDT_VERSION, type GbdtModelInit, type GbdtModelJSON } from './artifact';

/** One tree as produced by the grower (node ids local to the tree, root = 0). */
export interface TreeBuffer {
  nNodes: number;
  feature: Int32Array;
  threshold: Float64Array;
  missingGoLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Leaf: shrunk leaf value. Internal: shrunk node value (informative). */
  value: Float64Array;
  /** Training samples reaching the node (TreeSHAP cover). */
  count: Float64Array;
  /** Split gain (internal nodes), 0 for leaves. */
  gain: Float64Array;
}

const BLOCK = 256;

export class GbdtModel {
  readonly featureNames: string[];
  readonly nFeatures: number;
  /** Raw margin (log-odds) before any tree. */
  readonly baseline: number;
  /** Number of boosting iterations = number of trees. */
  readonly nIter: number;
  readonly nTrees: number;
  readonly params: Partial<HistGradientBoostingParams>;
  readonly treeOffsets: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingGoLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly count: Float64Array;
  readonly gain: Float64Array;
  readonly binThresholds?: number[][];
  readonly history?: { trainLoss: number[]; validationLoss: number[] };
  /** Binned batch-scoring form, compiled on first batch call (null: model not binnable, raw path). */
  private binned: BinnedForest | null | undefined = undefined;
  private binnedRows: Uint8Array | null = null;
  /** One row's bins for `predictRaw`. */
  private binnedRow: Uint8Array | null = null;

  constructor(init: GbdtModelInit) {
    this.featureNames = init.featureNames.slice();
    this.nFeatures = init.featureNames.length;
    this.baseline = init.baseline;
    this.nIter = init.nIter;
    this.nTrees = init.treeOffsets.length - 1;
    this.params = init.params;
    this.treeOffsets = init.treeOffsets;
    this.feature = init.feature;
    this.threshold = init.threshold;
    this.missingGoLeft = init.missingGoLeft;
    this.left = init.left;
    this.right = init.right;
    this.value = init.value;
    this.count = init.count;
    this.gain = init.gain;
    this.binThresholds = init.binThresholds;
    this.history = init.history;
  }

  /** Index of the leaf reached by `row` (features at `row[base + f]`) in tree `t`. */
  leafIndex(t: number, row: ArrayLike<number>, base = 0): number {
    const feature = this.feature;
    const threshold = this.threshold;
    const left = this.left;
    const right = this.right;
    const mgl = this.missingGoLeft;
    let node = this.treeOffsets[t];
    let f = feature[node];
    while (f >= 0) {
      const x = row[base + f];
      node = x <= threshold[node] || (x !== x && mgl[node] === 1) ? left[node] : right[node];
      f = feature[node];
    }
    return node;
  }

  /** Compile the binned form once (null: the model has no usable bin thresholds). */
  private binnedForest(): BinnedForest | null {
    if (this.binned === undefined) {
      this.binned = compileBinnedForest(this);
      if (this.binned) {
        this.binnedRows = binnedScratch(this.binned);
        this.binnedRow = binnedRowScratch(this.binned);
      }
    }
    return this.binned;
  }

  /**
   * Raw margin (log-odds) of one row (features at `row[base + f]`); no allocation after the first call
   * (which compiles the binned form). Bit-identical to `predictRawReference`.
   */
  predictRaw(row: ArrayLike<number>, base = 0): number {
    const bf = this.binned === undefined ? this.binnedForest() : this.binned;
    if (bf !== null && this.binnedRow !== null) return predictRawBinnedRow(bf, row, base, this.baseline, this.binnedRow);
    return this.predictRawFloat(row, base);
  }

  /** Single-row traversal on the raw float thresholds (models without bin thresholds). */
  predictRawFloat(row: ArrayLike<number>, base = 0): number {
    const feature = this.feature;
    const threshold = this.threshold;
    const left = this.left;
    const right = this.right;
    const mgl = this.missingGoLeft;
    const value = this.value;
    const offsets = this.treeOffsets;
    let s = this.baseline;
    for (let t = 0; t < this.nTrees; t++) {
      let node = offsets[t];
      let f = feature[node];
      while (f >= 0) {
        const x = row[base + f];
        node = x <= threshold[node] || (x !== x && mgl[node] === 1) ? left[node] : right[node];
        f = feature[node];
      }
      s += value[node];
    }
    return s;
  }

  /** Reference single-row traversal through `leafIndex`; used by tests. */
  predictRawReference(row: ArrayLike<number>, base = 0): number {
    let s = this.baseline;
    for (let t = 0; t < this.nTrees; t++) s += this.value[this.leafIndex(t, row, base)];
    return s;
  }

  /** P(class 1) of one row; no allocation. */
  predictProba(row: ArrayLike<number>): number {
    return sigmoid(this.predictRaw(row, 0));
  }

  /**
   * Raw margins of `nRows` rows of row-major `X` (nRows × nFeatures). Blocked: trees outer, rows inner,
   * so a block of rows stays in cache while every tree is applied to it.
   */
  predictRawBatch(X: Float64Array, nRows: number, out?: Float64Array): Float64Array {
    const nf = this.nFeatures;
    if (X.length < nRows * nf) throw new RangeError(`X has ${X.length} values, expected ${nRows} × ${nf}`);
    const res = out ?? new Float64Array(nRows);
    const bf = this.binnedForest();
    if (bf && this.binnedRows) {
      predictRawBinnedBatch(bf, X, nRows, this.baseline, res, this.binnedRows);
      return res;
    }
    return this.predictRawBatchRaw(X, nRows, res);
  }

  /** Raw-float batch traversal (models without bin thresholds; reference for the binned path in tests). */
  predictRawBatchRaw(X: Float64Array, nRows: number, res: Float64Array): Float64Array {
    const nf = this.nFeatures;
    const feature = this.feature;
    const threshold = this.threshold;
    const left = this.left;
    const right = this.right;
    const mgl = this.missingGoLeft;
    const value = this.value;
    const offsets = this.treeOffsets;
    const nTrees = this.nTrees;
    res.fill(this.baseline, 0, nRows);
    for (let b0 = 0; b0 < nRows; b0 += BLOCK) {
      const b1 = Math.min(nRows, b0 + BLOCK);
      for (let t = 0; t < nTrees; t++) {
        const root = offsets[t];
        const rootF = feature[root];
        if (rootF < 0) {
          const v = value[root];
          for (let i = b0; i < b1; i++) res[i] += v;
          continue;
        }
        for (let i = b0; i < b1; i++) {
          const base = i * nf;
          let node = root;
          let f = rootF;
          while (f >= 0) {
            const x = X[base + f];
            node = x <= threshold[node] || (x !== x && mgl[node] === 1) ? left[node] : right[node];
            f = feature[node];
          }
          res[i] += value[node];
        }
      }
    }
    return res;
  }

  /** P(class 1) for `nRows` rows of row-major `X`, written to `out` (length ≥ nRows) when given. */
  predictProbaBatch(X: Float64Array, nRows: number, out?: Float64Array): Float64Array {
    out = this.predictRawBatch(X, nRows, out);
    const sig = sigmoid; // local binding: see loss.ts
    for (let i = 0; i < nRows; i++) out[i] = sig(out[i]);
    return out;
  }

  /** Deepest root-to-leaf path length (edges) over all trees. */
  maxDepth(): number {
    let best = 0;
    const depth = new Int32Array(this.feature.length);
    for (let t = 0; t < this.nTrees; t++) {
      for (let n = this.treeOffsets[t]; n < this.treeOffsets[t + 1]; n++) {
        if (this.feature[n] >= 0) {
          depth[this.left[n]] = depth[n] + 1;
          depth[this.right[n]] = depth[n] + 1;
        } else if (depth[n] > best) best = depth[n];
      }
    }
    return best;
  }

  toJSON(): GbdtModelJSON {
    const out: GbdtModelJSON = {
      format: GBDT_FORMAT,
      version: GBDT_VERSION,
      featureNames: this.featureNames.slice(),
      baseline: this.baseline,
      nIter: this.nIter,
      params: { ...this.params },
      treeOffsets: Array.from(this.treeOffsets),
      nodes: {
        feature: Array.from(this.feature),
        threshold: Array.from(this.threshold, (v) => (v === Infinity ? null : v)),
        missingGoLeft: Array.from(this.missingGoLeft),
        left: Array.from(this.left),
        right: Array.from(this.right),
        value: Array.from(this.value),
        count: Array.from(this.count),
        gain: Array.from(this.gain),
      },
    };
    if (this.binThresholds) out.binThresholds = this.binThresholds.map((t) => t.slice());
    if (this.history) out.history = { trainLoss: this.history.trainLoss.slice(), validationLoss: this.history.validationLoss.slice() };
    return out;
  }

  /** Rebuild a model from `toJSON()` output (e.g. after JSON.parse). Throws TypeError naming the bad field. */
  static fromJSON(obj: unknown): GbdtModel {
    return new GbdtModel(parseGbdtArtifact(obj));
  }
}
