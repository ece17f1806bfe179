/**
 * The layout of the leaf tables (`LeafTables`, read by tree-shap-leaf-tables.ts and filled by
 * tree-shap-leaf-build.ts), and the sizing pass that decides per tree how much of them it needs.
 */
import type { GbdtModel } from '@/lib/ml/gbdt';

/** The read-only part, derived once per model and options. */
export interface LeafTables {
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
  /**
   * per split (parents before children): feature, threshold, missing → left, mask slot of the node itself and its
   * children, and the feature's bit: in `sSetBit` when the feature is new on the path (the child the row goes to
   * sets it), else in `sClearBit` (the child the row does not go to clears it)
   */
  readonly sFeature: Int32Array;
  readonly sThreshold: Float64Array;
  readonly sMissingLeft: Uint8Array;
  readonly sSelf: Int32Array;
  readonly sLeft: Int32Array;
  readonly sRight: Int32Array;
  readonly sSetBit: Int32Array;
  readonly sClearBit: Int32Array;
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

/** Distinct split features per leaf path, and node count, of tree t; null when a leaf exceeds `maxD`. */
export function treeShape(m: GbdtModel, root: number, maxD: number, onPath: Int32Array): { size: number; aSize: number; nodes: number; blocks: number; d: number } | null {
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
