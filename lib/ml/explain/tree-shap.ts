/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2; the same values as the shap
 * package's `tree_shap_recursive`, whose port is kept as `tree-shap-reference.ts`) over a `GbdtModel`,
 * with node sample counts as cover. Values are in raw-margin (log-odds) units:
 * `expectedValue + Σ phi = predictRaw(row)`.
 *
 * Algorithm 2's extend/unwind weights are the coefficients of Π_e (z_e + o_e·t) over the unique features
 * e on the root→leaf path (z: product of the cover fractions of e's splits, o: 1 iff the row follows all
 * of them) scaled by Beta integrals, so a leaf of value v adds to each path feature h
 *
 *   (o_h − z_h) · v · ∫₀¹ Π_{e≠h} f_e(u) du,   f_e(u) = z_e·(1 − u) + o_e·u
 *
 * (Linear TreeSHAP, Yu et al. 2022). The integrand is a polynomial of degree < D, D the tree's largest
 * number of distinct features on a root→leaf path, so ⌈D/2⌉-point Gauss–Legendre quadrature is exact:
 * the term is (o_h − z_h) Σ_q C_q / f_h(u_q) with C_q = w_q · v · Π_e f_e(u_q). Since f_h is the same at every leaf below the split that set it, the
 * walk returns Σ_leaves C_q of each subtree and a split settles its feature's share for both children
 * at once: O(D/2) work per node instead of O(depth²) per leaf. A cold feature (o = 0) gets
 * −Σ_q C_q / (1 − u_q) whatever its z, so a repeated split below it changes nothing; a repeated split on
 * a hot feature takes back the share its ancestor booked for this subtree and books the new ones.
 * Results equal the recursive port up to rounding (≈ 1e-15 on the seed model).
 */
import type { GbdtModel } from '@/lib/ml/gbdt';
import { treeShapTables } from './tree-shap-tables';

/** Preallocated TreeSHAP state for one model; `shapValues` allocates only its output array. */
export class TreeShapExplainer {
  readonly model: GbdtModel;
  /** baseline + Σ_trees E[tree] under the cover distribution (raw-margin units). */
  readonly expectedValue: number;
  /** Node arrays: feature, threshold, missingGoLeft, value as in the model; children at [2n + side]. */
  private readonly nodeFeature: Int32Array;
  private readonly nodeThreshold: Float64Array;
  private readonly nodeMissingLeft: Uint8Array;
  private readonly nodeValue: Float64Array;
  private readonly child: Int32Array;
  /** count[child] / count[n] at [2n + side] (side 0 = left) for internal nodes. */
  private readonly frac: Float64Array;
  /** Gauss–Legendre rules on [0, 1] for n = 1..nMax points, rule n at offset n(n − 1)/2: u, 1 − u, w. */
  private readonly glU: Float64Array;
  private readonly glA: Float64Array;
  private readonly glW: Float64Array;
  /** Points per tree: ⌈D/2⌉ for the tree's largest number D of distinct features on a root→leaf path. */
  private readonly treeNq: Int32Array;
  /** Points of the rule loaded into `work` (0: none yet). */
  private nq = 0;
  /**
   * All per-walk numbers in one buffer, stride S = nMax per block:
   * [0, levels·S): w_q·Π_e f_e(u_q) of the path down to each tree level;
   * [sumsAt, +(2·levels + 1)·S): Σ_leaves C_q of the hot and cold child of the node at level L (blocks 2L,
   * 2L + 1; the last block takes the root's unused total);
   * [oldAt, +levels·S): 1 / f(u_q) of a repeated hot feature's factor before the split at each level;
   * then the current rule: u_q at uAt, 1 − u_q at aAt, 1 / (1 − u_q) at invAAt.
   */
  private readonly work: Float64Array;
  private readonly stride: number;
  private readonly sumsAt: number;
  private readonly oldAt: number;
  private readonly uAt: number;
  private readonly aAt: number;
  private readonly invAAt: number;
  /** Per feature on the current path: z, and a flag (0 off the path, 1 on it cold, 3 on it hot). */
  private readonly fZero: Float64Array;
  private readonly fFlag: Uint8Array;
  private row: ArrayLike<number> = [];
  private rowBase = 0;
  private phi: Float64Array = new Float64Array(0);

  constructor(model: GbdtModel) {
    this.model = model;
    const tables = treeShapTables(model);
    this.nodeFeature = model.feature;
    this.nodeThreshold = model.threshold;
    this.nodeMissingLeft = model.missingGoLeft;
    this.nodeValue = model.value;
    this.child = tables.child;
    this.frac = tables.frac;
    this.glU = tables.glU;
    this.glA = tables.glA;
    this.glW = tables.glW;
    this.treeNq = tables.treeNq;
    const maxDepth = model.maxDepth();
    const nMax = tables.nMax;
    const levels = maxDepth + 2;
    const S = nMax;
    this.stride = S;
    this.sumsAt = levels * S;
    this.oldAt = this.sumsAt + (2 * levels + 1) * S;
    this.uAt = this.oldAt + levels * S;
    this.aAt = this.uAt + S;
    this.invAAt = this.aAt + S;
    this.work = new Float64Array(this.invAAt + S);
    this.fZero = new Float64Array(model.nFeatures);
    this.fFlag = new Uint8Array(model.nFeatures);
    this.expectedValue = tables.expectedValue;
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
    const offsets = m.treeOffsets;
    const feature = m.feature;
    const rootOut = this.oldAt - this.stride;
    for (let t = 0; t < m.nTrees; t++) {
      const root = offsets[t];
      // A single-leaf tree attributes nothing.
      if (feature[root] < 0) continue;
      this.useRule(this.treeNq[t]);
      this.walk(root, 0, rootOut);
    }
    this.row = [];
    return phi;
  }

  /** Loads the n-point rule; the root's path products are its weights. */
  private useRule(n: number): void {
    if (n === this.nq) return;
    const off = (n * (n - 1)) / 2;
    const w = this.work;
    this.nq = n;
    for (let q = 0; q < n; q++) {
      w[this.uAt + q] = this.glU[off + q];
      w[this.aAt + q] = this.glA[off + q];
      w[this.invAAt + q] = 1 / this.glA[off + q];
      w[q] = this.glW[off + q];
    }
  }

  /**
   * Walks the subtree of internal node `node` at tree level `level` (path products at work[level·S]),
   * adds the shares of the features split on inside it to phi, and writes its Σ_leaves C_q to work[out].
   */
  private walk(node: number, level: number, out: number): void {
    const feature = this.nodeFeature;
    const value = this.nodeValue;
    const w = this.work;
    const nq = this.nq;
    const S = this.stride;
    const U = this.uAt;
    const A = this.aAt;
    const fZero = this.fZero;
    const fFlag = this.fFlag;
    const split = feature[node];
    const x = this.row[this.rowBase + split];
    const side = x <= this.nodeThreshold[node] || (x !== x && this.nodeMissingLeft[node] === 1) ? 0 : 1;
    const hot = this.child[2 * node + side];
    const cold = this.child[2 * node + 1 - side];
    const hotFrac = this.frac[2 * node + side];
    const coldFrac = this.frac[2 * node + 1 - side];
    const at = level * S;
    const next = at + S;
    const hs = this.sumsAt + 2 * at;
    const cs = hs + S;
    const ro = this.oldAt + at;
    const flag = fFlag[split];
    const on = flag & 1;
    // Repeated split: the feature's fractions multiply and its indicator is ANDed (unwind, then extend).
    const z0 = on === 1 ? fZero[split] : 1;
    const o0 = on === 1 ? flag >> 1 : 1;
    const zHot = hotFrac * z0;
    const zCold = coldFrac * z0;
    if (on === 1 && o0 === 1) for (let q = 0; q < nq; q++) w[ro + q] = 1 / (z0 * w[A + q] + w[U + q]);

    const hotLeaf = feature[hot] < 0;
    const coldLeaf = feature[cold] < 0;
    if (hotLeaf && coldLeaf && o0 === 1) {
      // Both children are leaves: one pass. C_q / f(u_q) of a leaf is its value times this node's
      // products (over the old factor).
      const vHot = value[hot];
      const vCold = value[cold];
      let base = 0;
      let taken = 0;
      for (let q = 0; q < nq; q++) {
        const p = on === 0 ? w[at + q] : w[at + q] * w[ro + q];
        const t = p * (zHot * w[A + q] + w[U + q]) * vHot + p * (zCold * w[A + q]) * vCold;
        w[out + q] = t;
        base += p;
        taken += t * w[ro + q];
      }
      // taken means something only for a repeated hot feature (ro is stale otherwise).
      this.phi[split] += ((1 - zHot) * vHot - vCold * zCold) * base - (on === 1 ? (1 - z0) * taken : 0);
      return;
    }

    // Hot child first, then cold: the reference's order over leaves. A leaf child's Σ C_q is its value
    // times the child products, written straight to its slot.
    const hotAt = hotLeaf ? hs : next;
    const hotScale = hotLeaf ? value[hot] : 1;
    if (on === 0) {
      for (let q = 0; q < nq; q++) w[hotAt + q] = w[at + q] * (zHot * w[A + q] + w[U + q]) * hotScale;
    } else if (o0 === 1) {
      for (let q = 0; q < nq; q++) w[hotAt + q] = w[at + q] * (zHot * w[A + q] + w[U + q]) * w[ro + q] * hotScale;
    } else {
      for (let q = 0; q < nq; q++) w[hotAt + q] = w[at + q] * hotFrac * hotScale;
    }
    if (!hotLeaf) {
      fZero[split] = zHot;
      fFlag[split] = 1 | (o0 << 1);
      this.walk(hot, level + 1, hs);
    }

    const coldAt = coldLeaf ? cs : next;
    const coldScale = coldLeaf ? value[cold] : 1;
    if (on === 0) {
      for (let q = 0; q < nq; q++) w[coldAt + q] = w[at + q] * (zCold * w[A + q]) * coldScale;
    } else if (o0 === 1) {
      for (let q = 0; q < nq; q++) w[coldAt + q] = w[at + q] * (zCold * w[A + q]) * w[ro + q] * coldScale;
    } else {
      for (let q = 0; q < nq; q++) w[coldAt + q] = w[at + q] * coldFrac * coldScale;
    }
    if (!coldLeaf) {
      fZero[split] = zCold;
      fFlag[split] = 1;
      this.walk(cold, level + 1, cs);
    }
    fZero[split] = z0;
    fFlag[split] = flag;

    if (o0 === 0) {
      // Under a cold ancestor split on this feature, every leaf here already carries its share.
      for (let q = 0; q < nq; q++) w[out + q] = w[hs + q] + w[cs + q];
      return;
    }
    // Shares: (1 − z)·Σ_q Σ_leaves C_q / f(u_q) for the hot child, −Σ_q Σ_leaves C_q / (1 − u_q) for the
    // cold one. A leaf child's C_q / f(u_q) is its value times this node's products (over the old factor).
    let leafBase = 0;
    if (hotLeaf || coldLeaf) {
      if (on === 0) for (let q = 0; q < nq; q++) leafBase += w[at + q];
      else for (let q = 0; q < nq; q++) leafBase += w[at + q] * w[ro + q];
    }
    let hotShare = 0;
    if (hotLeaf) hotShare = value[hot] * leafBase;
    else for (let q = 0; q < nq; q++) hotShare += w[hs + q] / (zHot * w[A + q] + w[U + q]);
    let coldShare = 0;
    if (coldLeaf) {
      coldShare = value[cold] * zCold * leafBase;
    } else {
      const invA = this.invAAt;
      for (let q = 0; q < nq; q++) coldShare += w[cs + q] * w[invA + q];
    }
    let taken = 0;
    if (on === 0) {
      for (let q = 0; q < nq; q++) w[out + q] = w[hs + q] + w[cs + q];
    } else {
      for (let q = 0; q < nq; q++) {
        const t = w[hs + q] + w[cs + q];
        w[out + q] = t;
        taken += t * w[ro + q];
      }
    }
    // A hot ancestor split on this feature booked this subtree at its z0: take that back.
    const s = (1 - zHot) * hotShare - coldShare - (1 - z0) * taken;
    this.phi[split] += s;
  }
}

const cache = new WeakMap<GbdtModel, TreeShapExplainer>();

function explainer(model: GbdtModel): TreeShapExplainer {
  let e = cache.get(model);
  if (!e) {
    e = new TreeShapExplainer(model);
    cache.set(model, e);
  }
  return e;
}

/** SHAP values (raw-margin units) of one row; Float64Array(nFeatures). */
export function shapValues(model: GbdtModel, row: ArrayLike<number>): Float64Array {
  if (row.length < model.nFeatures) throw new RangeError(`row has ${row.length} values, expected ${model.nFeatures}`);
  return explainer(model).shapValues(row);
}

/** E[f(X)] in raw-margin units under the training cover: shapValues sum + expectedValue = predictRaw. */
export function expectedValue(model: GbdtModel): number {
  return explainer(model).expectedValue;
}
