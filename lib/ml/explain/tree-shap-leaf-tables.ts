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
import { treeShapTables } from './tree-shap-tables';

/** Rows per block. */
const BLOCK = 64;

export interface LeafTableOptions {
  /** most doubles all tables together may hold (default 2^21: 16 MB) */
  readonly budget?: number;
  /** most distinct features on a tabled leaf's path (default 12: 416 KB per leaf at most) */
  readonly maxPathFeatures?: number;
}

/** The read-only part, derived once per model and options. */
interface LeafTables {
  /** trees explained from tables, and the others (for TreeShapBatch) */
  readonly tabled: Int32Array;
  readonly rest: Int32Array;
  /**
   * per tabled tree k: its splits at [splitStart[k], splitStart[k + 1]), leaves at [leafStart[k], leafStart[k + 1])
   * and block tables at [blockStart[k], blockStart[k + 1])
   */
  readonly splitStart: Int32Array;
  readonly leafStart: Int32Array;
  readonly blockStart: Int32Array;
  /** per split (parents before children): feature, threshold, missing → left, mask slot of the node itself and its children, the feature's slot, whether it is new on the path */
  readonly sFeature: Int32Array;
  readonly sThreshold: Float64Array;
  readonly sMissingLeft: Uint8Array;
  readonly sSelf: Int32Array;
  readonly sLeft: Int32Array;
  readonly sRight: Int32Array;
  readonly sSlot: Int32Array;
  readonly sNew: Uint8Array;
  /** per leaf: its mask slot, d, and where its d features start in `leafFeatures` */
  readonly lMask: Int32Array;
  readonly lD: Int32Array;
  readonly lFeatAt: Int32Array;
  readonly leafFeatures: Int32Array;
  /**
   * Block tables (what blocks of rows read): one per leaf, or one per pair of sibling leaves whose parent splits a
   * feature new on the path (both have the same d features and their masks differ only in that feature's bit b,
   * so the pair's table at the left leaf's mask M holds phi_i(M) of the left plus phi_i(M ^ b) of the right leaf).
   * Each: the mask slot it is read at, d, its offset (phi_i at offset + i·2^d + M), where its features start in
   * `leafFeatures`.
   */
  readonly bMask: Int32Array;
  readonly bD: Int32Array;
  readonly bOffset: Int32Array;
  readonly bFeatAt: Int32Array;
  readonly table: Float64Array;
  /** A(M) per leaf at aOffset + M, and (1 − z_i)/z_i per leaf and slot next to `leafFeatures` (one row reads these: 1/d the size) */
  readonly aTable: Float64Array;
  readonly lAOffset: Int32Array;
  readonly leafCoef: Float64Array;
  /** most nodes in one tabled tree (mask slots) */
  readonly maxNodes: number;
}

const cache = new WeakMap<GbdtModel, Map<string, LeafTables>>();

/** Distinct split features per leaf path, and node count, of tree t; null when a leaf exceeds `maxD`. */
function treeShape(m: GbdtModel, root: number, maxD: number, onPath: Int32Array): { size: number; aSize: number; nodes: number; blocks: number; d: number } | null {
  let size = 0;
  let aSize = 0;
  let nodes = 0;
  let blocks = 0;
  let dMax = 0;
  let ok = true;
  const walk = (n: number, d: number, paired: boolean): void => {
    nodes++;
    const f = m.feature[n];
    if (f < 0) {
      if (d > maxD) ok = false;
      if (d > dMax) dMax = d;
      aSize += 2 ** d;
      if (!paired) {
        size += d * 2 ** d;
        blocks++;
      }
      return;
    }
    // a child without samples has z = 0, which the tables cannot divide by
    if (!(m.count[m.left[n]] > 0 && m.count[m.right[n]] > 0)) ok = false;
    const isNew = onPath[f] === 0;
    const nd = isNew ? d + 1 : d;
    const pair = isNew && m.feature[m.left[n]] < 0 && m.feature[m.right[n]] < 0;
    if (pair) {
      size += nd * 2 ** nd;
      blocks++;
    }
    onPath[f]++;
    if (ok) walk(m.left[n], nd, pair);
    if (ok) walk(m.right[n], nd, pair);
    onPath[f]--;
  };
  walk(root, 0, false);
  return ok ? { size, aSize, nodes, blocks, d: dMax } : null;
}

function buildTables(m: GbdtModel, budget: number, maxD: number): LeafTables {
  const nTrees = m.nTrees;
  const onPath = new Int32Array(m.nFeatures);
  const tabled: number[] = [];
  const rest: number[] = [];
  let total = 0;
  let aTotal = 0;
  let nSplits = 0;
  let nLeaves = 0;
  let nBlocks = 0;
  let maxNodes = 1;
  let dUsed = 0;
  for (let t = 0; t < nTrees; t++) {
    const root = m.treeOffsets[t];
    if (m.feature[root] < 0) continue; // a constant tree attributes nothing
    const shape = treeShape(m, root, maxD, onPath);
    if (shape && total + aTotal + shape.size + shape.aSize <= budget) {
      tabled.push(t);
      total += shape.size;
      aTotal += shape.aSize;
      nSplits += (shape.nodes - 1) / 2;
      nLeaves += (shape.nodes + 1) / 2;
      nBlocks += shape.blocks;
      if (shape.nodes > maxNodes) maxNodes = shape.nodes;
      if (shape.d > dUsed) dUsed = shape.d;
    } else rest.push(t);
  }
  const splitStart = new Int32Array(tabled.length + 1);
  const leafStart = new Int32Array(tabled.length + 1);
  const blockStart = new Int32Array(tabled.length + 1);
  const sFeature = new Int32Array(nSplits);
  const sThreshold = new Float64Array(nSplits);
  const sMissingLeft = new Uint8Array(nSplits);
  const sSelf = new Int32Array(nSplits);
  const sLeft = new Int32Array(nSplits);
  const sRight = new Int32Array(nSplits);
  const sSlot = new Int32Array(nSplits);
  const sNew = new Uint8Array(nSplits);
  const lMask = new Int32Array(nLeaves);
  const lD = new Int32Array(nLeaves);
  const lFeatAt = new Int32Array(nLeaves);
  const leafFeatures = new Int32Array(nLeaves * dUsed);
  const leafCoef = new Float64Array(nLeaves * dUsed);
  const lAOffset = new Int32Array(nLeaves);
  const bMask = new Int32Array(nBlocks);
  const bD = new Int32Array(nBlocks);
  const bOffset = new Int32Array(nBlocks);
  const bFeatAt = new Int32Array(nBlocks);
  const table = new Float64Array(total);
  const aTable = new Float64Array(aTotal);
  // per-path state: slot of each feature on the path (−1 off it), z per slot, feature per slot
  const slotOf = new Int32Array(m.nFeatures).fill(-1);
  const zSlot = new Float64Array(dUsed + 1);
  const featSlot = new Int32Array(dUsed + 1);
  // scratch for one leaf: elementary symmetric polynomials per mask [mask][k], and H per mask
  const eScratch = new Float64Array((dUsed + 1) * 2 ** dUsed);
  const hScratch = new Float64Array(2 ** dUsed);
  const aScratch = new Float64Array(2 ** dUsed);
  const w = new Float64Array(dUsed + 1);
  let si = 0;
  let li = 0;
  let bi = 0;
  let featAt = 0;
  let tableAt = 0;
  let aAt = 0;
  let local = 0;

  /** A(M) of a leaf into aTable at aAt, and its phi_i(M) into the block table at `at`: set, or added at M ^ xor (the right leaf of a pair). */
  const fillLeaf = (v: number, d: number, at0: number, add: boolean, xor: number): void => {
    // w(s, d) = s!(d − s − 1)!/d! = 1 / (d · C(d − 1, s))
    let c = 1;
    for (let s = 0; s < d; s++) {
      w[s] = 1 / (d * c);
      c = (c * (d - 1 - s)) / (s + 1);
    }
    const E = d + 1;
    const nm = 1 << d;
    eScratch[0] = 1;
    for (let k = 1; k <= d; k++) eScratch[k] = 0;
    hScratch[0] = w[0]; // H(∅) = w(0, d)
    for (let M = 1; M < nm; M++) {
      const b = 31 - Math.clz32(M & -M);
      const P = (M & (M - 1)) * E; // M without its lowest bit
      const at = M * E;
      const zb = zSlot[b];
      eScratch[at] = 1;
      for (let k = 1; k <= d; k++) eScratch[at + k] = eScratch[P + k] + zb * eScratch[P + k - 1];
      let pop = 0;
      for (let x = M; x !== 0; x &= x - 1) pop++;
      let h = 0;
      for (let s = 0; s <= pop; s++) h += w[s] * eScratch[at + pop - s];
      hScratch[M] = h;
    }
    for (let M = 0; M < nm; M++) {
      let a = v * hScratch[M];
      for (let j = 0; j < d; j++) if (!(M & (1 << j))) a *= zSlot[j];
      aScratch[M] = a;
      aTable[aAt + M] = a;
    }
    for (let i = 0; i < d; i++) {
      const bit = 1 << i;
      const coef = leafCoef[featAt + i];
      const at = at0 + i * nm;
      if (!add) for (let M = 0; M < nm; M++) table[at + M] = M & bit ? coef * aScratch[M ^ bit] : -aScratch[M];
      else {
        for (let M = 0; M < nm; M++) {
          const L = M ^ xor;
          table[at + M] += L & bit ? coef * aScratch[L ^ bit] : -aScratch[L];
        }
      }
    }
  };

  const block = (self: number, d: number, at: number, fa: number): void => {
    bMask[bi] = self;
    bD[bi] = d;
    bOffset[bi] = at;
    bFeatAt[bi] = fa;
    bi++;
  };

  /** `pair`: 0 a leaf with its own block table, 1 the left and 2 the right leaf of a pair (table at `pairAt`, bit `xor`) */
  const visit = (n: number, self: number, d: number, pair = 0, pairAt = 0, xor = 0): void => {
    const f = m.feature[n];
    if (f < 0) {
      lMask[li] = self;
      lD[li] = d;
      lFeatAt[li] = featAt;
      lAOffset[li] = aAt;
      for (let j = 0; j < d; j++) {
        leafFeatures[featAt + j] = featSlot[j];
        leafCoef[featAt + j] = (1 - zSlot[j]) / zSlot[j];
      }
      if (pair === 0) {
        block(self, d, tableAt, featAt);
        if (d > 0) fillLeaf(m.value[n], d, tableAt, false, 0);
        tableAt += d * 2 ** d;
      } else {
        if (pair === 1) block(self, d, pairAt, featAt);
        fillLeaf(m.value[n], d, pairAt, pair === 2, xor);
      }
      featAt += d;
      aAt += 2 ** d;
      li++;
      return;
    }
    const k = si++;
    const isNew = slotOf[f] < 0;
    const slot = isNew ? d : slotOf[f];
    const nd = isNew ? d + 1 : d;
    const zOld = isNew ? 1 : zSlot[slot];
    sFeature[k] = f;
    sThreshold[k] = m.threshold[n];
    sMissingLeft[k] = m.missingGoLeft[n];
    sSelf[k] = self;
    sSlot[k] = slot;
    sNew[k] = isNew ? 1 : 0;
    if (isNew) {
      slotOf[f] = slot;
      featSlot[slot] = f;
    }
    const l = m.left[n];
    const r = m.right[n];
    const paired = isNew && m.feature[l] < 0 && m.feature[r] < 0;
    const childPairAt = tableAt;
    if (paired) tableAt += nd * 2 ** nd;
    sLeft[k] = ++local;
    zSlot[slot] = (zOld * m.count[l]) / m.count[n];
    visit(l, sLeft[k], nd, paired ? 1 : 0, childPairAt, 1 << slot);
    sRight[k] = ++local;
    zSlot[slot] = (zOld * m.count[r]) / m.count[n];
    visit(r, sRight[k], nd, paired ? 2 : 0, childPairAt, 1 << slot);
    zSlot[slot] = zOld;
    if (isNew) slotOf[f] = -1;
  };

  for (let k = 0; k < tabled.length; k++) {
    splitStart[k] = si;
    leafStart[k] = li;
    blockStart[k] = bi;
    local = 0;
    visit(m.treeOffsets[tabled[k]], 0, 0);
  }
  splitStart[tabled.length] = si;
  leafStart[tabled.length] = li;
  blockStart[tabled.length] = bi;
  return {
    tabled: Int32Array.from(tabled),
    rest: Int32Array.from(rest),
    splitStart,
    leafStart,
    blockStart,
    sFeature,
    sThreshold,
    sMissingLeft,
    sSelf,
    sLeft,
    sRight,
    sSlot,
    sNew,
    lMask,
    lD,
    lFeatAt,
    leafFeatures,
    bMask,
    bD,
    bOffset,
    bFeatAt,
    table,
    aTable,
    lAOffset,
    leafCoef,
    maxNodes,
  };
}

function leafTables(m: GbdtModel, budget: number, maxD: number): LeafTables {
  let byOpts = cache.get(m);
  if (!byOpts) cache.set(m, (byOpts = new Map()));
  const key = `${budget}/${maxD}`;
  let t = byOpts.get(key);
  if (!t) byOpts.set(key, (t = buildTables(m, budget, maxD)));
  return t;
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
    const { sFeature, sThreshold, sMissingLeft, sSelf, sLeft, sRight, sSlot, sNew, lMask, lD, lAOffset, lFeatAt, leafFeatures, leafCoef, aTable } = t;
    for (let k = 0; k < t.tabled.length; k++) {
      masks[0] = 0;
      for (let s = t.splitStart[k], end = t.splitStart[k + 1]; s < end; s++) {
        const x = row[base + sFeature[s]];
        const gl = x <= sThreshold[s] || (x !== x && sMissingLeft[s] === 1) ? 1 : 0;
        const mk = masks[sSelf[s]];
        const slot = sSlot[s];
        if (sNew[s] === 1) {
          masks[sLeft[s]] = mk | (gl << slot);
          masks[sRight[s]] = mk | ((gl ^ 1) << slot);
        } else {
          masks[sLeft[s]] = mk & ~((gl ^ 1) << slot);
          masks[sRight[s]] = mk & ~(gl << slot);
        }
      }
      for (let l = t.leafStart[k], end = t.leafStart[k + 1]; l < end; l++) {
        const d = lD[l];
        const off = lAOffset[l];
        const M = masks[lMask[l]];
        const fa = lFeatAt[l];
        const cold = -aTable[off + M];
        for (let i = 0; i < d; i++) {
          const b = 1 << i;
          out[leafFeatures[fa + i]] += M & b ? leafCoef[fa + i] * aTable[off + (M ^ b)] : cold;
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
    const { sFeature, sThreshold, sMissingLeft, sSelf, sLeft, sRight, sSlot, sNew, bMask, bD, bOffset, bFeatAt, leafFeatures, table } = t;
    for (let k = 0; k < t.tabled.length; k++) {
      for (let r = 0; r < R; r++) masks[r] = 0;
      for (let s = t.splitStart[k], end = t.splitStart[k + 1]; s < end; s++) {
        const xf = sFeature[s] * B;
        const thr = sThreshold[s];
        const mgl = sMissingLeft[s] === 1;
        const self = sSelf[s] * B;
        const L = sLeft[s] * B;
        const Rt = sRight[s] * B;
        const slot = sSlot[s];
        if (sNew[s] === 1) {
          for (let r = 0; r < R; r++) {
            const x = xb[xf + r];
            const gl = x <= thr || (x !== x && mgl) ? 1 : 0;
            const mk = masks[self + r];
            masks[L + r] = mk | (gl << slot);
            masks[Rt + r] = mk | ((gl ^ 1) << slot);
          }
        } else {
          for (let r = 0; r < R; r++) {
            const x = xb[xf + r];
            const gl = x <= thr || (x !== x && mgl) ? 1 : 0;
            const mk = masks[self + r];
            masks[L + r] = mk & ~((gl ^ 1) << slot);
            masks[Rt + r] = mk & ~(gl << slot);
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
