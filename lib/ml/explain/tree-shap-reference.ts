/**
 * Naive reference for `tree-shap.ts`: the original recursive port of the shap package's
 * `tree_shap_recursive` (Lundberg, Erion & Lee 2018, Algorithm 2), kept unchanged so the fast explainer
 * can be tested (and benchmarked) against it, as sklearn keeps `_build_histogram_naive`. Not exported
 * from the index; do not use on the hot path.
 */
import type { GbdtModel } from '@/lib/ml/gbdt';

/** Preallocated TreeSHAP state for one model; `shapValues` allocates only its output array. */
export class TreeShapReference {
  readonly model: GbdtModel;
  /** baseline + Σ_trees E[tree] under the cover distribution (raw-margin units). */
  readonly expectedValue: number;
  private readonly pFeature: Int32Array;
  private readonly pZero: Float64Array;
  private readonly pOne: Float64Array;
  private readonly pWeight: Float64Array;
  private row: ArrayLike<number> = [];
  private rowBase = 0;
  private phi: Float64Array = new Float64Array(0);

  constructor(model: GbdtModel) {
    this.model = model;
    const d = model.maxDepth() + 2;
    const size = ((d + 1) * (d + 2)) / 2 + d + 1;
    this.pFeature = new Int32Array(size);
    this.pZero = new Float64Array(size);
    this.pOne = new Float64Array(size);
    this.pWeight = new Float64Array(size);
    let e = model.baseline;
    for (let t = 0; t < model.nTrees; t++) e += this.treeExpectation(model.treeOffsets[t]);
    this.expectedValue = e;
  }

  private treeExpectation(node: number): number {
    const m = this.model;
    if (m.feature[node] < 0) return m.value[node];
    const l = m.left[node];
    const r = m.right[node];
    const c = m.count[node];
    return (m.count[l] / c) * this.treeExpectation(l) + (m.count[r] / c) * this.treeExpectation(r);
  }

  /**
   * SHAP values of one row (features at `row[base + f]`), Float64Array(nFeatures), raw-margin units.
   * @param out optional output buffer (zeroed here)
   */
  shapValues(row: ArrayLike<number>, base = 0, out?: Float64Array): Float64Array {
    const m = this.model;
    const phi = out ?? new Float64Array(m.nFeatures);
    phi.fill(0);
    this.row = row;
    this.rowBase = base;
    this.phi = phi;
    for (let t = 0; t < m.nTrees; t++) this.recurse(m.treeOffsets[t], 0, 0, 1, 1, -1);
    return phi;
  }

  private extend(p: number, depth: number, zero: number, one: number, feature: number): void {
    const w = this.pWeight;
    this.pFeature[p + depth] = feature;
    this.pZero[p + depth] = zero;
    this.pOne[p + depth] = one;
    w[p + depth] = depth === 0 ? 1 : 0;
    for (let i = depth - 1; i >= 0; i--) {
      w[p + i + 1] += (one * w[p + i] * (i + 1)) / (depth + 1);
      w[p + i] = (zero * w[p + i] * (depth - i)) / (depth + 1);
    }
  }

  private unwind(p: number, depth: number, pathIndex: number): void {
    const w = this.pWeight;
    const one = this.pOne[p + pathIndex];
    const zero = this.pZero[p + pathIndex];
    let next = w[p + depth];
    for (let i = depth - 1; i >= 0; i--) {
      if (one !== 0) {
        const tmp = w[p + i];
        w[p + i] = (next * (depth + 1)) / ((i + 1) * one);
        next = tmp - (w[p + i] * zero * (depth - i)) / (depth + 1);
      } else {
        w[p + i] = (w[p + i] * (depth + 1)) / (zero * (depth - i));
      }
    }
    for (let i = pathIndex; i < depth; i++) {
      this.pFeature[p + i] = this.pFeature[p + i + 1];
      this.pZero[p + i] = this.pZero[p + i + 1];
      this.pOne[p + i] = this.pOne[p + i + 1];
    }
  }

  private unwoundSum(p: number, depth: number, pathIndex: number): number {
    const w = this.pWeight;
    const one = this.pOne[p + pathIndex];
    const zero = this.pZero[p + pathIndex];
    let next = w[p + depth];
    let total = 0;
    if (one !== 0) {
      for (let i = depth - 1; i >= 0; i--) {
        const tmp = next / ((i + 1) * one);
        total += tmp;
        next = w[p + i] - tmp * zero * (depth - i);
      }
    } else {
      for (let i = depth - 1; i >= 0; i--) total += w[p + i] / (zero * (depth - i));
    }
    return total * (depth + 1);
  }

  /** `parentPath`: offset of the parent's path (depth + 1 elements); this node's path starts after it. */
  private recurse(node: number, depth: number, parentPath: number, zero: number, one: number, feature: number): void {
    const m = this.model;
    const p = parentPath + depth + 1;
    this.pFeature.copyWithin(p, parentPath, p);
    this.pZero.copyWithin(p, parentPath, p);
    this.pOne.copyWithin(p, parentPath, p);
    this.pWeight.copyWithin(p, parentPath, p);
    this.extend(p, depth, zero, one, feature);
    const split = m.feature[node];
    if (split < 0) {
      const v = m.value[node];
      for (let i = 1; i <= depth; i++) {
        const w = this.unwoundSum(p, depth, i);
        this.phi[this.pFeature[p + i]] += w * (this.pOne[p + i] - this.pZero[p + i]) * v;
      }
      return;
    }
    const x = this.row[this.rowBase + split];
    const goLeft = x <= m.threshold[node] || (x !== x && m.missingGoLeft[node] === 1);
    const hot = goLeft ? m.left[node] : m.right[node];
    const cold = goLeft ? m.right[node] : m.left[node];
    const c = m.count[node];
    const hotZero = m.count[hot] / c;
    const coldZero = m.count[cold] / c;
    let inZero = 1;
    let inOne = 1;
    let d = depth;
    let k = 0;
    for (; k <= d; k++) if (this.pFeature[p + k] === split) break;
    if (k !== d + 1) {
      inZero = this.pZero[p + k];
      inOne = this.pOne[p + k];
      this.unwind(p, d, k);
      d -= 1;
    }
    this.recurse(hot, d + 1, p, hotZero * inZero, inOne, split);
    this.recurse(cold, d + 1, p, coldZero * inZero, 0, split);
  }
}
