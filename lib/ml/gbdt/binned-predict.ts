/**
 * Scoring kernels over a `BinnedForest` (layout and the one-comparison node step in `binned-forest.ts`).
 * Batches are scored in blocks of rows: a block is binned once (rows outer, so X is read sequentially), then
 * every tree is applied to it, four rows walking a tree together (four independent dependency chains).
 * Leaf values are added in tree order, so sums are bit-identical to the raw-float traversal.
 */
import { MISSING_BIN, type BinnedForest } from './binned-forest';

/** Rows scored per block: the block's binned rows stay in L1/L2 while all trees are applied to it. */
const BLOCK = 256;

/** Scratch for `predictRawBinnedBatch` (one block of binned rows). */
export function binnedScratch(bf: BinnedForest): Uint8Array {
  return new Uint8Array(BLOCK * bf.stride);
}

/** Scratch for `predictRawBinnedRow` (one binned row). */
export function binnedRowScratch(bf: BinnedForest): Uint8Array {
  return new Uint8Array(bf.stride);
}

/**
 * Bin `nb` rows (features at `X[base + i * rowStep + f]`) into `rowBins[i * stride ..]`: column f gets
 * bin(x) with NaN → 255; the feature's missing-goes-left column gets bin(x) with NaN → 0 (a NaN compares false
 * against every threshold, so the search already yields 0).
 */
function binRows(bf: BinnedForest, X: ArrayLike<number>, base: number, rowStep: number, nb: number, rowBins: Uint8Array): void {
  const stride = bf.stride;
  const oneF = bf.oneFeature;
  const oneCol = bf.oneMissLeftCol;
  const oneT = bf.oneThreshold;
  const nOne = oneF.length;
  const multiF = bf.multiFeature;
  const multiCol = bf.multiMissLeftCol;
  const padOffset = bf.padOffset;
  const padStep = bf.padStep;
  const padded = bf.padded;
  const nMulti = multiF.length;
  for (let i = 0; i < nb; i++) {
    const xb = base + i * rowStep;
    const rb = i * stride;
    for (let k = 0; k < nOne; k++) {
      const f = oneF[k];
      const x = X[xb + f];
      const c = +(oneT[k] < x);
      rowBins[rb + f] = x !== x ? MISSING_BIN : c;
      rowBins[rb + oneCol[k]] = c;
    }
    for (let k = 0; k < nMulti; k++) {
      const f = multiF[k];
      const x = X[xb + f];
      const off = padOffset[k];
      let pos = 0;
      // fixed number of halving steps; `+(a < b)` compiles to a flag read, a ternary to an unpredictable branch
      for (let s = padStep[k]; s > 0; s >>= 1) pos += s * +(padded[off + pos + s - 1] < x);
      rowBins[rb + f] = x !== x ? MISSING_BIN : pos;
      rowBins[rb + multiCol[k]] = pos;
    }
  }
}

/**
 * `res[i] = baseline + Σ_t leaf value` for rows `0..nRows-1` of row-major `X` (nRows × nFeatures).
 * `rowBins` (from `binnedScratch`) is scratch.
 */
export function predictRawBinnedBatch(bf: BinnedForest, X: Float64Array, nRows: number, baseline: number, res: Float64Array, rowBins: Uint8Array): void {
  const nf = bf.nFeatures;
  const stride = bf.stride;
  const node = bf.node;
  const leafValue = bf.leafValue;
  const treeRoot = bf.treeRoot;
  const treeDepth = bf.treeDepth;
  const nTrees = treeRoot.length;
  res.fill(baseline, 0, nRows);
  for (let b0 = 0; b0 < nRows; b0 += BLOCK) {
    const nb = Math.min(nRows, b0 + BLOCK) - b0;
    binRows(bf, X, b0 * nf, nf, nb, rowBins);
    for (let t = 0; t < nTrees; t++) {
      const root = treeRoot[t];
      const d = treeDepth[t];
      let i = 0;
      for (; i + 4 <= nb; i += 4) {
        const r0 = i * stride;
        const r1 = r0 + stride;
        const r2 = r1 + stride;
        const r3 = r2 + stride;
        let n0 = root;
        let n1 = root;
        let n2 = root;
        let n3 = root;
        for (let level = 0; level < d; level++) {
          const w0 = node[n0];
          const w1 = node[n1];
          const w2 = node[n2];
          const w3 = node[n3];
          // all four at leaves (word 0): the rest of the tree's depth is a no-op
          if ((w0 | w1 | w2 | w3) === 0) break;
          n0 += ((w0 & 0xffff) + rowBins[r0 + (w0 >>> 16)]) >>> 8;
          n1 += ((w1 & 0xffff) + rowBins[r1 + (w1 >>> 16)]) >>> 8;
          n2 += ((w2 & 0xffff) + rowBins[r2 + (w2 >>> 16)]) >>> 8;
          n3 += ((w3 & 0xffff) + rowBins[r3 + (w3 >>> 16)]) >>> 8;
        }
        res[b0 + i] += leafValue[n0];
        res[b0 + i + 1] += leafValue[n1];
        res[b0 + i + 2] += leafValue[n2];
        res[b0 + i + 3] += leafValue[n3];
      }
      for (; i < nb; i++) {
        const r0 = i * stride;
        let n0 = root;
        for (let level = 0; level < d; level++) {
          const w0 = node[n0];
          n0 += ((w0 & 0xffff) + rowBins[r0 + (w0 >>> 16)]) >>> 8;
        }
        res[b0 + i] += leafValue[n0];
      }
    }
  }
}

/**
 * Raw margin of one row (features at `row[base + f]`): bins it into `rowBins` (from `binnedRowScratch`), then
 * walks four trees at a time (independent dependency chains); leaf values are added in tree order, so the sum
 * is bit-identical to the raw traversal. No allocation.
 */
export function predictRawBinnedRow(bf: BinnedForest, row: ArrayLike<number>, base: number, baseline: number, rowBins: Uint8Array): number {
  binRows(bf, row, base, 0, 1, rowBins);
  const node = bf.node;
  const leafValue = bf.leafValue;
  const treeRoot = bf.treeRoot;
  const treeDepth = bf.treeDepth;
  const nTrees = treeRoot.length;
  let s = baseline;
  let t = 0;
  for (; t + 4 <= nTrees; t += 4) {
    let n0 = treeRoot[t];
    let n1 = treeRoot[t + 1];
    let n2 = treeRoot[t + 2];
    let n3 = treeRoot[t + 3];
    const d = Math.max(treeDepth[t], treeDepth[t + 1], treeDepth[t + 2], treeDepth[t + 3]);
    for (let level = 0; level < d; level++) {
      const w0 = node[n0];
      const w1 = node[n1];
      const w2 = node[n2];
      const w3 = node[n3];
      n0 += ((w0 & 0xffff) + rowBins[w0 >>> 16]) >>> 8;
      n1 += ((w1 & 0xffff) + rowBins[w1 >>> 16]) >>> 8;
      n2 += ((w2 & 0xffff) + rowBins[w2 >>> 16]) >>> 8;
      n3 += ((w3 & 0xffff) + rowBins[w3 >>> 16]) >>> 8;
    }
    s += leafValue[n0];
    s += leafValue[n1];
    s += leafValue[n2];
    s += leafValue[n3];
  }
  for (; t < nTrees; t++) {
    let n0 = treeRoot[t];
    for (let level = treeDepth[t]; level > 0; level--) {
      const w0 = node[n0];
      n0 += ((w0 & 0xffff) + rowBins[w0 >>> 16]) >>> 8;
    }
    s += leafValue[n0];
  }
  return s;
}
