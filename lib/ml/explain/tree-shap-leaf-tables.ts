/**
 * TreeSHAP from per-leaf tables (after Fast TreeSHAP v2, Yang 2021): the same exact path-dependent values as
 * `TreeShapExplainer`, with the per-row work reduced to one comparison per split and d table reads per leaf.
 *
 * A leaf of value v whose root→leaf path has the distinct features F (d = |F|; z_j the product of the cover
 * fractions of j's splits on the path, o_j = 1 iff the row follows all of them) adds to each i ∈ F
 *
 *   phi_i = Σ_{S ⊆ F∖i} w(|S|, d) · v · Π_{j∈S} o_j · Π_{j∈F∖S∖i} z_j · (o_i − z_i),   w(s, d) = s!(d − s − 1)!/d!.
 *
 * Since o ∈ {0, 1}, this depends on the row only through the set M = {j : o_j = 1}. With
 * H(M) = Σ_{S⊆M} w(|S|, d) Π_{j∈M∖S} z_j, Z(A) = Π_{j∈A} z_j and A(M) = v·Z(F∖M)·H(M),
 *
 *   i ∉ M:  phi_i = −v Z(F∖M) H(M)           = −A(M)
 *   i ∈ M:  phi_i =  v (1 − z_i) Z(F∖M) H(M∖i) = (1 − z_i)/z_i · A(M∖i)     (Z(F∖(M∖i)) = z_i·Z(F∖M))
 *
 * A(M) for all 2^d sets comes from the elementary symmetric polynomials of the z's (all terms positive: no
 * cancellation). Each leaf keeps the d·2^d values phi_i(M), slot-major, for blocks of rows (no branch per value),
 * and the 2^d values A(M) with the d factors (1 − z_i)/z_i for single rows (less memory to touch); both are built
 * once per model. Per row a tree costs one comparison per split (building M for every leaf as a bit mask: a
 * feature's slot is its first position on the path, and a repeated split clears the bit of a row that leaves the
 * path) and d reads per leaf. Blocks of rows are transposed to feature-major, so every inner loop runs over the
 * block.
 *
 * Tables grow as (d + 1)·2^d per leaf, so they are built only for trees whose leaves have at most `maxPathFeatures`
 * distinct path features (and no empty child: z = 0), while the total stays within `budget` doubles; the other
 * trees are explained by `TreeShapBatch` (Linear TreeSHAP) into the same sums.
 */
import type { GbdtModel } from '@/lib/ml/gbdt';
import { TreeShapBatch } from './tree-shap-batch';
import { leafTables } from './tree-shap-leaf-build';
import type { LeafTables } from './tree-shap-leaf-layout';
import { treeShapTables } from './tree-shap-tables';

/** Rows per block. */
const BLOCK = 64;

export interface LeafTableOptions {
  /** most doubles all tables together may hold (default 2^21: 16 MB) */
  readonly budget?: number;
  /** most distinct features on a tabled leaf's path (default 12: 416 KB per leaf at most) */
  readonly maxPathFeatures?: number;
}

export class LeafTableTreeShap {
  readonly model: GbdtModel;
  readonly expectedValue: number;
  private readonly t: LeafTables;
  private readonly fallback: TreeShapBatch | null;
  /** mask per node slot and row: [slot·BLOCK + r] */
  private readonly masks: Int32Array;
  /** the block's rows, feature-major: [f·BLOCK + r] */
  private readonly xb: Float64Array;
  /** the block's SHAP values, feature-major: [f·BLOCK + r] */
  private readonly acc: Float64Array;

  constructor(model: GbdtModel, options: LeafTableOptions = {}) {
    const budget = Math.min(options.budget ?? 2 ** 21, 2 ** 30);
    const maxD = Math.min(options.maxPathFeatures ?? 12, 20);
    this.model = model;
    this.t = leafTables(model, budget, maxD);
    this.fallback = this.t.rest.length > 0 ? new TreeShapBatch(model) : null;
    this.expectedValue = treeShapTables(model).expectedValue;
    this.masks = new Int32Array(this.t.maxNodes * BLOCK);
    this.xb = new Float64Array(model.nFeatures * BLOCK);
    this.acc = new Float64Array(model.nFeatures * BLOCK);
  }

  /** Trees explained from tables, and by Linear TreeSHAP (constant trees are in neither). */
  get treesTabled(): number {
    return this.t.tabled.length;
  }
  get treesLinear(): number {
    return this.t.rest.length;
  }
  /** Doubles held by the tables. */
  get tableSize(): number {
    return this.t.table.length + this.t.aTable.length;
  }

  /**
   * SHAP values (raw-margin units) of rows `rows[k]` of row-major `X` (nFeatures per row), written to
   * `out[k·nFeatures + f]` (zeroed here). Allocates nothing.
   */
  shapRows(X: Float64Array, rows: ArrayLike<number>, out: Float64Array): Float64Array {
    const nf = this.model.nFeatures;
    const n = rows.length;
    if (out.length < n * nf) throw new RangeError(`out has ${out.length} values, expected ≥ ${n * nf}`);
    for (let k = 0; k < n; k++) {
      const row = rows[k];
      if (!((row + 1) * nf <= X.length) || row < 0) throw new RangeError(`row ${row} is outside X`);
    }
    if (this.fallback) this.fallback.shapRows(X, rows, out, this.t.rest);
    else out.fill(0, 0, n * nf);
    for (let lo = 0; lo < n; lo += BLOCK) this.block(X, rows, lo, Math.min(BLOCK, n - lo), out);
    return out;
  }

  /**
   * SHAP values of one row, `row[base .. base + nFeatures)`, into `out` (zeroed here; allocated when absent): the
   * values of `shapRows` up to rounding. Reads the leaves' A(M) values (1/d of the block tables), so one row
   * touches less memory than a block of rows needs.
   */
  shapValues(row: ArrayLike<number>, base = 0, out: Float64Array = new Float64Array(this.model.nFeatures)): Float64Array {
    const nf = this.model.nFeatures;
    if (out.length < nf) throw new RangeError(`out has ${out.length} values, expected ≥ ${nf}`);
    if (!(base >= 0 && base + nf <= row.length)) throw new RangeError(`the row at ${base} is outside the input (${row.length} values)`);
    if (this.fallback) {
      const x = Float64Array.from({ length: nf }, (_, f) => row[base + f]);
      this.fallback.shapRows(x, [0], out, this.t.rest);
    } else out.fill(0, 0, nf);
    const t = this.t;
    const masks = this.masks;
    const { splitStart, leafStart, sFeature, sThreshold, sMissingLeft, sSelf, sLeft, sRight, sSetBit, sClearBit, lMask, lD, lAOffset, lFeatAt, leafFeatures, leafCoef, aTable } = t;
    const nTabled = t.tabled.length;
    // Free of branches on the row's values (the mask update per split, and a 0/1 factor instead of `i ∈ M ? … : …`):
    // which way a row goes is unpredictable, and mispredicted branches took a quarter of the time. Both terms are
    // finite, so the product with 0 or 1 gives the chosen term exactly.
    for (let k = 0; k < nTabled; k++) {
      masks[0] = 0;
      for (let s = splitStart[k], end = splitStart[k + 1]; s < end; s++) {
        const x = row[base + sFeature[s]];
        const go = -(+(x <= sThreshold[s]) | (+(x !== x) & sMissingLeft[s]));
        const mk = masks[sSelf[s]];
        const set = sSetBit[s];
        const clear = sClearBit[s];
        masks[sLeft[s]] = (mk | (set & go)) & ~(clear & ~go);
        masks[sRight[s]] = (mk | (set & ~go)) & ~(clear & go);
      }
      for (let l = leafStart[k], end = leafStart[k + 1]; l < end; l++) {
        const d = lD[l];
        const off = lAOffset[l];
        const M = masks[lMask[l]];
        const fa = lFeatAt[l];
        const cold = -aTable[off + M];
        for (let i = 0; i < d; i++) {
          const inM = (M >> i) & 1;
          out[leafFeatures[fa + i]] += inM * (leafCoef[fa + i] * aTable[off + (M ^ (1 << i))]) + (1 - inM) * cold;
        }
      }
    }
    return out;
  }

  private block(X: Float64Array, rows: ArrayLike<number>, lo: number, R: number, out: Float64Array): void {
    const nf = this.model.nFeatures;
    const B = BLOCK;
    const xb = this.xb;
    const acc = this.acc;
    for (let r = 0; r < R; r++) {
      const rb = rows[lo + r] * nf;
      for (let f = 0; f < nf; f++) xb[f * B + r] = X[rb + f];
    }
    acc.fill(0, 0, nf * B);
    const t = this.t;
    const masks = this.masks;
    const { sFeature, sThreshold, sMissingLeft, sSelf, sLeft, sRight, sSetBit, sClearBit, bMask, bD, bOffset, bFeatAt, leafFeatures, table } = t;
    for (let k = 0; k < t.tabled.length; k++) {
      for (let r = 0; r < R; r++) masks[r] = 0;
      for (let s = t.splitStart[k], end = t.splitStart[k + 1]; s < end; s++) {
        const xf = sFeature[s] * B;
        const thr = sThreshold[s];
        const mgl = sMissingLeft[s];
        const self = sSelf[s] * B;
        const L = sLeft[s] * B;
        const Rt = sRight[s] * B;
        const set = sSetBit[s];
        const clear = sClearBit[s];
        // (one loop per kind of split, each free of branches on the row's values)
        if (set !== 0) {
          for (let r = 0; r < R; r++) {
            const x = xb[xf + r];
            const go = -(+(x <= thr) | (+(x !== x) & mgl));
            const mk = masks[self + r];
            masks[L + r] = mk | (set & go);
            masks[Rt + r] = mk | (set & ~go);
          }
        } else {
          for (let r = 0; r < R; r++) {
            const x = xb[xf + r];
            const go = -(+(x <= thr) | (+(x !== x) & mgl));
            const mk = masks[self + r];
            masks[L + r] = mk & ~(clear & ~go);
            masks[Rt + r] = mk & ~(clear & go);
          }
        }
      }
      for (let e = t.blockStart[k], end = t.blockStart[k + 1]; e < end; e++) {
        const d = bD[e];
        const ms = bMask[e] * B;
        const nm = 1 << d;
        const fa = bFeatAt[e];
        for (let i = 0, off = bOffset[e]; i < d; i++, off += nm) {
          const ab = leafFeatures[fa + i] * B;
          for (let r = 0; r < R; r++) acc[ab + r] += table[off + masks[ms + r]];
        }
      }
    }
    for (let r = 0; r < R; r++) {
      const pb = (lo + r) * nf;
      for (let f = 0; f < nf; f++) out[pb + f] += acc[f * B + r];
    }
  }
}
