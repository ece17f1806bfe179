/**
 * The tables of `LeafTableTreeShap` (tree-shap-leaf-tables.ts explains the method): per tabled tree its splits
 * with mask slots, per leaf its path features, and the phi and A(M) tables, built once per model and options and
 * cached by model.
 *
 * Their layout and the per-tree sizing pass are in tree-shap-leaf-layout.ts.
 */
import type { GbdtModel } from '@/lib/ml/gbdt';
import { treeShape, type LeafTables } from './tree-shap-leaf-layout';

const cache = new WeakMap<GbdtModel, Map<string, LeafTables>>();

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
  const sSetBit = new Int32Array(nSplits);
  const sClearBit = new Int32Array(nSplits);
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
    if (isNew) sSetBit[k] = 1 << slot;
    else sClearBit[k] = 1 << slot;
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
    sSetBit,
    sClearBit,
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

export function leafTables(m: GbdtModel, budget: number, maxD: number): LeafTables {
  let byOpts = cache.get(m);
  if (!byOpts) cache.set(m, (byOpts = new Map()));
  const key = `${budget}/${maxD}`;
  let t = byOpts.get(key);
  if (!t) byOpts.set(key, (t = buildTables(m, budget, maxD)));
  return t;
}
