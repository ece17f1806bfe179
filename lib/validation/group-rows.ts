/**
 * Groups the present cells of a column by value, the kernel behind uniqueness and distinct counts. A JS `Set`
 * or `Map` of 1M strings, and even an open-addressing table over typed arrays, are bound by random memory
 * access (≈1–2 s on the contended 2-core bench machine). Instead: hash every present cell into a `Uint32Array`
 * (sequential), LSD radix-sort (hash, row) pairs in three 11-bit passes (sequential reads, 2048 write
 * streams), then walk runs of equal hashes comparing the actual values (≈0.4 s there). No Map and no per-row
 * allocation; memory is four `n`-long 32-bit arrays.
 *
 * Values are equal when `===`, or both Dates with the same timestamp; -0 equals 0 (as `===`). Strings,
 * numbers, booleans, bigints and Dates are supported; any other object makes `groupRows` return null so the
 * caller can fall back to a `Map`.
 */
export interface RowGroups {
  /** Number of distinct present values. */
  groupCount: number;
  /** Mode `'distinct'`: the first row of each group, ascending (groups in first-seen order); else empty. */
  firstRow: Int32Array;
  missing: number;
  /** Mode `'duplicates'`: 1 for every row whose value occurs more than once, else 0; else null. */
  isDuplicate: Uint8Array | null;
}

const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function hashNumber(x: number): number {
  F64[0] = x === 0 ? 0 : x;
  return fmix(I32[0] ^ Math.imul(I32[1], 0x9e3779b1));
}

function hashString(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let j = 0; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), 16777619);
  return fmix(h);
}

/** Hash of a supported present value, or NaN for an unsupported one. */
function hashValue(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return hashNumber(v);
    case 'string':
      return hashString(v);
    case 'boolean':
      return v ? 0x27d4eb2f : 0x165667b1;
    case 'bigint':
      return hashNumber(Number(v)) ^ 0x5bd1e995;
    default:
      return v instanceof Date ? hashNumber(v.getTime()) ^ 0x1b873593 : NaN;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
}

/** Sorts (key, row) pairs by key, stable; returns the sorted arrays (the inputs are scratch). */
function radixSortPairs(keys: Uint32Array, rows: Int32Array, m: number): [Uint32Array, Int32Array] {
  let k1: Uint32Array = keys;
  let r1: Int32Array = rows;
  let k2: Uint32Array = new Uint32Array(m);
  let r2: Int32Array = new Int32Array(m);
  const bucket = new Int32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    bucket.fill(0);
    for (let j = 0; j < m; j++) bucket[(k1[j] >>> shift) & 2047]++;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = bucket[b];
      bucket[b] = sum;
      sum += c;
    }
    for (let j = 0; j < m; j++) {
      const d = bucket[(k1[j] >>> shift) & 2047]++;
      k2[d] = k1[j];
      r2[d] = r1[j];
    }
    const tk = k1;
    k1 = k2;
    k2 = tk;
    const tr = r1;
    r1 = r2;
    r2 = tr;
  }
  return [k1, r1];
}

/** Groups rows by value; null when the column holds values that cannot be hashed (plain objects, arrays…). */
export function groupRows(col: ArrayLike<unknown>, mode: 'distinct' | 'duplicates'): RowGroups | null {
  const n = col.length;
  const hashes = new Uint32Array(n);
  const present = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v == null || v !== v) continue;
    const h = hashValue(v);
    if (h !== h) return null;
    hashes[m] = h >>> 0;
    present[m++] = i;
  }
  const [keys, rows] = radixSortPairs(hashes, present, m);
  const distinct = mode === 'distinct';
  const firstRow = new Int32Array(distinct ? m : 0);
  const isDuplicate = distinct ? null : new Uint8Array(n);
  let groups = 0;
  for (let j = 0; j < m; ) {
    let e = j + 1;
    while (e < m && keys[e] === keys[j]) e++;
    // [j, e) share a hash; split it into runs of equal values (more than one run only on a hash collision).
    let start = j;
    while (start < e) {
      const rep = col[rows[start]];
      let w = start + 1;
      let first = rows[start];
      for (let q = start + 1; q < e; q++) {
        const r = rows[q];
        if (sameValue(col[r], rep)) {
          rows[q] = rows[w];
          rows[w++] = r;
          if (r < first) first = r;
        }
      }
      if (isDuplicate !== null && w - start > 1) for (let q = start; q < w; q++) isDuplicate[rows[q]] = 1;
      if (distinct) firstRow[groups] = first;
      groups++;
      start = w;
    }
    j = e;
  }
  return { groupCount: groups, firstRow: distinct ? firstRow.subarray(0, groups).sort() : firstRow, missing: n - m, isDuplicate };
}
