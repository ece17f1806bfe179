/**
 * TreeSHAP for many rows at once: the same exact path-dependent values as `TreeShapExplainer` (Linear TreeSHAP
 * with Gauss–Legendre quadrature; see tree-shap.ts for the derivation), with each tree walked once per block of
 * rows instead of once per row. What depends on the path (cover fractions z, the quadrature rule) is computed once
 * per node; what depends on the row (its side at each split, hence the indicator o of every path feature and the
 * path products) lives in arrays indexed by row, so the per-node work is tight loops over the block. Children are
 * taken as left/right (not hot/cold): a row's indicator for the left child is 1 iff it goes left (and every
 * ancestor split on the same feature was hot for it).
 *
 * For a node splitting feature h with z0, o0 the feature's state above it (1, 1 when not on the path), child c with
 * z_c = frac_c·z0 and o_c = o0·[row goes to c] multiplies the path products by
 *   g_c(u) = (z_c(1 − u) + o_c·u) / (z0(1 − u) + o0·u)   (numerator alone when h is new on the path),
 * and, with S_c(u_q) the child's Σ over leaves of C_q (the leaf value times the path products),
 *   phi_h += Σ_c (o_c − z_c) Σ_q S_c(u_q) / (z_c(1 − u_q) + o_c·u_q) − [h repeated] (1 − z0) Σ_q S(u_q) / f0(u_q),
 * where a cold child's term reduces to −Σ_q S_c(u_q) / (1 − u_q) and a row cold for h above (o0 = 0) books nothing
 * here (its ancestor did). Results equal the per-row explainer up to rounding.
 */
import type { GbdtModel } from '@/lib/ml/gbdt';
import { treeShapTables } from './tree-shap-tables';

/** Rows per block: long enough inner loops, small enough state (levels × points × rows doubles). */
const BLOCK = 64;

export class TreeShapBatch {
  readonly model: GbdtModel;
  readonly expectedValue: number;
  private readonly nodeFeature: Int32Array;
  private readonly nodeThreshold: Float64Array;
  private readonly nodeMissingLeft: Uint8Array;
  private readonly nodeValue: Float64Array;
  private readonly child: Int32Array;
  private readonly frac: Float64Array;
  private readonly glU: Float64Array;
  private readonly glA: Float64Array;
  private readonly glW: Float64Array;
  private readonly treeNq: Int32Array;
  private readonly nqMax: number;
  /** the rule in use: u_q, 1 − u_q, 1 / (1 − u_q), weights */
  private readonly u: Float64Array;
  private readonly a: Float64Array;
  private readonly invA: Float64Array;
  private readonly wq: Float64Array;
  private nq = 0;
  /** path products per level: [level][q][row] */
  private readonly prod: Float64Array;
  /** Σ_leaves C_q of the left (0) and right (1) child of the node at each level: [level][side][q][row] */
  private readonly sums: Float64Array;
  /** the root's (unused) total */
  private readonly rootOut: Float64Array;
  /** per level: the row's side at the node (0 left, 1 right), and o0 of the node's feature for the row */
  private readonly sideF: Float64Array;
  private readonly o0F: Float64Array;
  /** per level: the feature's o per row before the node changed it (restored on the way up) */
  private readonly oSaved: Float64Array;
  /** per feature: times on the current path, z on the path, o per row ([feature][row]) */
  private readonly onPath: Int32Array;
  private readonly zState: Float64Array;
  private readonly oState: Float64Array;
  /** scratch per row: a child's o, a node's share */
  private readonly ind: Float64Array;
  private readonly acc: Float64Array;
  /** rows of the current block: offset of each in X, and where its phi goes in `out` */
  private readonly rowBase: Int32Array;
  private readonly phiBase: Int32Array;
  private R = 0;
  private X: Float64Array = new Float64Array(0);
  private out: Float64Array = new Float64Array(0);

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
    this.expectedValue = tables.expectedValue;
    const maxDepth = model.maxDepth();
    const nMax = tables.nMax;
    this.nqMax = nMax;
    this.u = new Float64Array(nMax);
    this.a = new Float64Array(nMax);
    this.invA = new Float64Array(nMax);
    this.wq = new Float64Array(nMax);
    const levels = maxDepth + 2;
    const nf = model.nFeatures;
    this.prod = new Float64Array(levels * nMax * BLOCK);
    this.sums = new Float64Array(levels * 2 * nMax * BLOCK);
    this.rootOut = new Float64Array(nMax * BLOCK);
    this.sideF = new Float64Array(levels * BLOCK);
    this.o0F = new Float64Array(levels * BLOCK);
    this.oSaved = new Float64Array(levels * BLOCK);
    this.onPath = new Int32Array(nf);
    this.zState = new Float64Array(nf);
    this.oState = new Float64Array(nf * BLOCK);
    this.ind = new Float64Array(BLOCK);
    this.acc = new Float64Array(BLOCK);
    this.rowBase = new Int32Array(BLOCK);
    this.phiBase = new Int32Array(BLOCK);
  }

  /**
   * SHAP values (raw-margin units) of rows `rows[k]` of row-major `X` (nFeatures per row), written to
   * `out[k·nFeatures + f]` (zeroed here). Allocates nothing. With `trees`, only those trees' shares.
   */
  shapRows(X: Float64Array, rows: ArrayLike<number>, out: Float64Array, trees?: ArrayLike<number>): Float64Array {
    const m = this.model;
    const nf = m.nFeatures;
    const n = rows.length;
    if (out.length < n * nf) throw new RangeError(`out has ${out.length} values, expected ≥ ${n * nf}`);
    out.fill(0, 0, n * nf);
    this.X = X;
    this.out = out;
    const offsets = m.treeOffsets;
    for (let lo = 0; lo < n; lo += BLOCK) {
      const R = Math.min(BLOCK, n - lo);
      this.R = R;
      for (let r = 0; r < R; r++) {
        const row = rows[lo + r];
        if (!((row + 1) * nf <= X.length) || row < 0) throw new RangeError(`row ${row} is outside X`);
        this.rowBase[r] = row * nf;
        this.phiBase[r] = (lo + r) * nf;
      }
      const nT = trees ? trees.length : m.nTrees;
      for (let k = 0; k < nT; k++) {
        const t = trees ? trees[k] : k;
        const root = offsets[t];
        if (this.nodeFeature[root] < 0) continue;
        this.useRule(this.treeNq[t]);
        const nq = this.nq;
        const P = this.prod;
        for (let q = 0; q < nq; q++) {
          const w = this.wq[q];
          for (let r = 0; r < R; r++) P[q * BLOCK + r] = w;
        }
        this.walk(root, 0, this.rootOut, 0);
      }
    }
    this.X = new Float64Array(0);
    this.out = new Float64Array(0);
    return out;
  }

  private useRule(n: number): void {
    if (n === this.nq) return;
    const off = (n * (n - 1)) / 2;
    for (let q = 0; q < n; q++) {
      this.u[q] = this.glU[off + q];
      this.a[q] = this.glA[off + q];
      this.invA[q] = 1 / this.glA[off + q];
      this.wq[q] = this.glW[off + q];
    }
    this.nq = n;
  }

  /** Walks internal node `node` at `level` for the block; writes its Σ_leaves C_q per row to dst[dstAt + q·BLOCK + r]. */
  private walk(node: number, level: number, dst: Float64Array, dstAt: number): void {
    const R = this.R;
    const nq = this.nq;
    const B = BLOCK;
    const S = this.nqMax;
    const X = this.X;
    const rowBase = this.rowBase;
    const u = this.u;
    const a = this.a;
    const P = this.prod;
    const sums = this.sums;
    const split = this.nodeFeature[node];
    const thr = this.nodeThreshold[node];
    const mgl = this.nodeMissingLeft[node] === 1;
    const on = this.onPath[split] > 0;
    const z0 = on ? this.zState[split] : 1;
    const sideF = this.sideF;
    const o0F = this.o0F;
    const ind = this.ind;
    const oState = this.oState;
    const lv = level * B;
    const fo = split * B;
    // the row's side (1 = right) and its o for this feature above the node (1 when new on the path)
    for (let r = 0; r < R; r++) {
      const x = X[rowBase[r] + split];
      sideF[lv + r] = x <= thr || (x !== x && mgl) ? 0 : 1;
      o0F[lv + r] = on ? oState[fo + r] : 1;
    }
    const pAt = level * S * B;
    const nextAt = pAt + S * B;
    const savedZ = this.zState[split];
    for (let c = 0; c < 2; c++) {
      const cn = this.child[2 * node + c];
      const fracC = this.frac[2 * node + c];
      const zc = fracC * z0;
      const leaf = this.nodeFeature[cn] < 0;
      const v = leaf ? this.nodeValue[cn] : 1;
      const sAt = (level * 2 + c) * S * B;
      // o_c per row: o0 and the row goes to c
      for (let r = 0; r < R; r++) {
        const sd = sideF[lv + r];
        ind[r] = o0F[lv + r] * (c === 1 ? sd : 1 - sd);
      }
      // child products (times the leaf value for a leaf child: then they are its Σ C_q directly)
      const to = leaf ? sums : P;
      const toAt = leaf ? sAt : nextAt;
      for (let q = 0; q < nq; q++) {
        const uq = u[q];
        const cold = zc * a[q];
        const qb = q * B;
        if (!on) {
          const cv = cold * v;
          const uv = uq * v;
          for (let r = 0; r < R; r++) to[toAt + qb + r] = P[pAt + qb + r] * (cv + uv * ind[r]);
        } else {
          // a row cold for the feature above: the factor only gains this split's fraction
          const invOld = 1 / (z0 * a[q] + uq);
          for (let r = 0; r < R; r++) {
            const o = o0F[lv + r];
            const g = o * ((cold + uq * ind[r]) * invOld - fracC) + fracC;
            to[toAt + qb + r] = P[pAt + qb + r] * g * v;
          }
        }
      }
      if (!leaf) {
        const os = this.oSaved;
        for (let r = 0; r < R; r++) {
          os[lv + r] = oState[fo + r];
          oState[fo + r] = ind[r];
        }
        this.zState[split] = zc;
        this.onPath[split]++;
        this.walk(cn, level + 1, sums, sAt);
        this.onPath[split]--;
        this.zState[split] = savedZ;
        for (let r = 0; r < R; r++) oState[fo + r] = os[lv + r];
      }
    }
    // this node's Σ C_q, and the shares of its feature (rows cold for it above book nothing here)
    const lAt = level * 2 * S * B;
    const rAt = lAt + S * B;
    const zL = this.frac[2 * node] * z0;
    const zR = this.frac[2 * node + 1] * z0;
    const acc = this.acc;
    acc.fill(0, 0, R);
    for (let q = 0; q < nq; q++) {
      const qb = q * B;
      const ia = this.invA[q];
      const hl = (1 - zL) / (zL * a[q] + u[q]);
      const hr = (1 - zR) / (zR * a[q] + u[q]);
      const back = on ? (1 - z0) / (z0 * a[q] + u[q]) : 0;
      for (let r = 0; r < R; r++) {
        const sl = sums[lAt + qb + r];
        const sr = sums[rAt + qb + r];
        const sd = sideF[lv + r];
        dst[dstAt + qb + r] = sl + sr;
        acc[r] += sd * (sr * hr - sl * ia) + (1 - sd) * (sl * hl - sr * ia) - back * (sl + sr);
      }
    }
    const out = this.out;
    const phiBase = this.phiBase;
    for (let r = 0; r < R; r++) if (o0F[lv + r] === 1) out[phiBase[r] + split] += acc[r];
  }
}
