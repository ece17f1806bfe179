/** Accumulates grown trees into growable flat arrays during a fit, then freezes them into a `GbdtModel`. */
import { GbdtModel, type GbdtModelInit, type TreeBuffer } from './predictor';

/** Accumulates grown trees into growable flat arrays (used by the fit loop). */
export class ModelBuilder {
  private cap = 0;
  private n = 0;
  private readonly offsets: number[] = [0];
  feature = new Int32Array(0);
  threshold = new Float64Array(0);
  missingGoLeft = new Uint8Array(0);
  left = new Int32Array(0);
  right = new Int32Array(0);
  value = new Float64Array(0);
  count = new Float64Array(0);
  gain = new Float64Array(0);

  get nTrees(): number {
    return this.offsets.length - 1;
  }

  private grow(need: number): void {
    if (need <= this.cap) return;
    const cap = Math.max(need, this.cap * 2, 1024);
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.feature = g(this.feature, (k) => new Int32Array(k));
    this.threshold = g(this.threshold, (k) => new Float64Array(k));
    this.missingGoLeft = g(this.missingGoLeft, (k) => new Uint8Array(k));
    this.left = g(this.left, (k) => new Int32Array(k));
    this.right = g(this.right, (k) => new Int32Array(k));
    this.value = g(this.value, (k) => new Float64Array(k));
    this.count = g(this.count, (k) => new Float64Array(k));
    this.gain = g(this.gain, (k) => new Float64Array(k));
    this.cap = cap;
  }

  /** Append one tree; returns the absolute index of its root. */
  append(tree: TreeBuffer): number {
    const base = this.n;
    const m = tree.nNodes;
    this.grow(base + m);
    for (let i = 0; i < m; i++) {
      const j = base + i;
      const f = tree.feature[i];
      this.feature[j] = f;
      this.threshold[j] = tree.threshold[i];
      this.missingGoLeft[j] = tree.missingGoLeft[i];
      this.left[j] = f >= 0 ? tree.left[i] + base : -1;
      this.right[j] = f >= 0 ? tree.right[i] + base : -1;
      this.value[j] = tree.value[i];
      this.count[j] = tree.count[i];
      this.gain[j] = tree.gain[i];
    }
    this.n = base + m;
    this.offsets.push(this.n);
    return base;
  }

  /** Add the raw-threshold prediction of the tree rooted at `root` for rows of X (row-major) to `raw`. */
  addTreePredictions(root: number, X: Float64Array, nFeatures: number, rows: Uint32Array, raw: Float64Array): void {
    const feature = this.feature;
    const threshold = this.threshold;
    const left = this.left;
    const right = this.right;
    const mgl = this.missingGoLeft;
    const value = this.value;
    for (let i = 0; i < rows.length; i++) {
      const base = rows[i] * nFeatures;
      let node = root;
      let f = feature[node];
      while (f >= 0) {
        const x = X[base + f];
        node = x <= threshold[node] || (x !== x && mgl[node] === 1) ? left[node] : right[node];
        f = feature[node];
      }
      raw[i] += value[node];
    }
  }

  build(rest: Omit<GbdtModelInit, 'treeOffsets' | 'feature' | 'threshold' | 'missingGoLeft' | 'left' | 'right' | 'value' | 'count' | 'gain'>): GbdtModel {
    const n = this.n;
    return new GbdtModel({
      ...rest,
      treeOffsets: Int32Array.from(this.offsets),
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      missingGoLeft: this.missingGoLeft.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
      count: this.count.slice(0, n),
      gain: this.gain.slice(0, n),
    });
  }
}
