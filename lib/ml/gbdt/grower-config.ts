/**
 * The grower's settings and output buffers. The grower keeps class-backed copies rather than the caller's object
 * literals: a literal's second execution (the second fit in a process) makes V8 build a boilerplate for it and
 * relax its fields from constant to mutable, which discards all code optimized against the first fit's objects
 * (grow, histogram and split kernels) and recompiles it during the second fit.
 */
import type { BinnedMatrix, HistogramLayout } from './dtypes';
import type { TreeBuffer } from './predictor';
import type { SplitConstraints } from './splitter';

export interface GrowerConfig {
  /** Column-major binned training data, nRows × layout.nFeatures. */
  bins: BinnedMatrix;
  nRows: number;
  layout: HistogramLayout;
  hasMissing: Uint8Array;
  missingBin: number;
  /** Per-feature bin thresholds (raw-value thresholds of the predictor). */
  thresholds: Float64Array[];
  maxLeafNodes: number | null;
  maxDepth: number | null;
  minSamplesLeaf: number;
  l2Regularization: number;
  /** learning_rate */
  shrinkage: number;
}

export class GrowerSettings implements GrowerConfig {
  readonly bins: BinnedMatrix;
  readonly nRows: number;
  readonly layout: HistogramLayout;
  readonly hasMissing: Uint8Array;
  readonly missingBin: number;
  readonly thresholds: Float64Array[];
  readonly maxLeafNodes: number | null;
  readonly maxDepth: number | null;
  readonly minSamplesLeaf: number;
  readonly l2Regularization: number;
  readonly shrinkage: number;

  constructor(c: GrowerConfig) {
    this.bins = c.bins;
    this.nRows = c.nRows;
    this.layout = c.layout;
    this.hasMissing = c.hasMissing;
    this.missingBin = c.missingBin;
    this.thresholds = c.thresholds;
    this.maxLeafNodes = c.maxLeafNodes;
    this.maxDepth = c.maxDepth;
    this.minSamplesLeaf = c.minSamplesLeaf;
    this.l2Regularization = c.l2Regularization;
    this.shrinkage = c.shrinkage;
  }
}

export class Constraints implements SplitConstraints {
  constructor(
    readonly minSamplesLeaf: number,
    readonly minHessianToSplit: number,
    readonly l2Regularization: number,
  ) {}
}

/** The grower's output tree, capacity `m` nodes (`nNodes` used). */
export class TreeArrays implements TreeBuffer {
  nNodes = 0;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly missingGoLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly count: Float64Array;
  readonly gain: Float64Array;

  constructor(m: number) {
    this.feature = new Int32Array(m);
    this.threshold = new Float64Array(m);
    this.missingGoLeft = new Uint8Array(m);
    this.left = new Int32Array(m);
    this.right = new Int32Array(m);
    this.value = new Float64Array(m);
    this.count = new Float64Array(m);
    this.gain = new Float64Array(m);
  }
}
