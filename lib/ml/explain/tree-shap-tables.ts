/**
 * What both TreeSHAP explainers (per row: tree-shap.ts, per block of rows: tree-shap-batch.ts) derive from a model
 * once: children and cover fractions per internal node, the Gauss–Legendre rules, the points each tree needs, and
 * the expected value. Read-only; shared by every explainer of the same model.
 */
import type { GbdtModel } from '@/lib/ml/gbdt';
import { gaussLegendre01 } from './gauss-legendre';

export interface TreeShapTables {
  /** children of internal node n at [2n] (left) and [2n + 1] (right) */
  readonly child: Int32Array;
  /** count[child] / count[n] at the same places */
  readonly frac: Float64Array;
  /** Gauss–Legendre rules on [0, 1] for 1..nMax points, rule n at offset n(n − 1)/2: u, 1 − u, w */
  readonly glU: Float64Array;
  readonly glA: Float64Array;
  readonly glW: Float64Array;
  /** largest rule any tree needs: ⌈(max depth)/2⌉, at least 1 */
  readonly nMax: number;
  /** points per tree: ⌈D/2⌉ for the tree's largest number D of distinct features on a root→leaf path */
  readonly treeNq: Int32Array;
  /** baseline + Σ_trees E[tree] under the cover distribution (raw-margin units) */
  readonly expectedValue: number;
}

const cache = new WeakMap<GbdtModel, TreeShapTables>();

export function treeShapTables(model: GbdtModel): TreeShapTables {
  const have = cache.get(model);
  if (have) return have;
  const { feature, left, right, count } = model;
  const nNodes = feature.length;
  const child = new Int32Array(2 * nNodes);
  const frac = new Float64Array(2 * nNodes);
  for (let n = 0; n < nNodes; n++) {
    if (feature[n] < 0) continue;
    child[2 * n] = left[n];
    child[2 * n + 1] = right[n];
    frac[2 * n] = count[left[n]] / count[n];
    frac[2 * n + 1] = count[right[n]] / count[n];
  }
  const nMax = Math.max(1, (model.maxDepth() + 1) >> 1);
  const size = (nMax * (nMax + 1)) / 2;
  const glU = new Float64Array(size);
  const glA = new Float64Array(size);
  const glW = new Float64Array(size);
  for (let n = 1; n <= nMax; n++) gaussLegendre01(n, glU, glA, glW, (n * (n - 1)) / 2);
  const treeNq = new Int32Array(model.nTrees);
  const onPath = new Int32Array(model.nFeatures);
  for (let t = 0; t < model.nTrees; t++) treeNq[t] = Math.max(1, (maxDistinct(model, model.treeOffsets[t], onPath, 0) + 1) >> 1);
  const expectation = (node: number): number =>
    feature[node] < 0 ? model.value[node] : frac[2 * node] * expectation(left[node]) + frac[2 * node + 1] * expectation(right[node]);
  let expectedValue = model.baseline;
  for (let t = 0; t < model.nTrees; t++) expectedValue += expectation(model.treeOffsets[t]);
  const tables: TreeShapTables = { child, frac, glU, glA, glW, nMax, treeNq, expectedValue };
  cache.set(model, tables);
  return tables;
}

/** Largest number of distinct split features on a path from `node` down, `onPath` counting those above. */
function maxDistinct(m: GbdtModel, node: number, onPath: Int32Array, distinct: number): number {
  const f = m.feature[node];
  if (f < 0) return distinct;
  const d = onPath[f] === 0 ? distinct + 1 : distinct;
  onPath[f]++;
  const l = maxDistinct(m, m.left[node], onPath, d);
  const r = maxDistinct(m, m.right[node], onPath, d);
  onPath[f]--;
  return l > r ? l : r;
}
