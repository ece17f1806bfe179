import { groupRows } from './group-rows';
import { matchesKind, type ValueKind } from './value-types';

/**
 * Column map kernels: one pass over a column, counting missing and unexpected cells and recording the first
 * `rows.length` unexpected row indices into a caller-owned `Int32Array`. No allocation per row; one loop per
 * concern. Missing = `null`, `undefined` or `NaN` (see lib/data/table.ts). Typed numeric arrays take a
 * dedicated loop (only `NaN` can be missing there).
 */
export interface MapTally {
  /** Missing (null/undefined/NaN) cells. */
  missing: number;
  /** Cells that failed the check (missing cells never count here, except for the null expectations). */
  unexpected: number;
  /** How many indices were written into `rows` (≤ rows.length). */
  found: number;
}

type NumericTyped =
  | Float64Array
  | Float32Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint32Array
  | Uint16Array
  | Uint8Array
  | Uint8ClampedArray;

/** True for typed arrays holding JS numbers (BigInt arrays and DataView excluded). */
export function isNumericTyped(col: ArrayLike<unknown>): col is NumericTyped {
  return ArrayBuffer.isView(col) && !(col instanceof DataView) && !(col instanceof BigInt64Array) && !(col instanceof BigUint64Array);
}

/** Null checks. `wantNull` false: unexpected = missing cells (not_be_null); true: unexpected = present cells. */
export function tallyNulls(col: ArrayLike<unknown>, wantNull: boolean, rows: Int32Array): MapTally {
  const n = col.length;
  const cap = rows.length;
  let missing = 0;
  let found = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    const isNull = v == null || v !== v;
    if (isNull) missing++;
    if (isNull !== wantNull && found < cap) rows[found++] = i;
  }
  return { missing, unexpected: wantNull ? n - missing : missing, found };
}

function betweenTyped(col: NumericTyped, lo: number, hi: number, sLo: boolean, sHi: boolean, rows: Int32Array): MapTally {
  const n = col.length;
  const cap = rows.length;
  let missing = 0;
  let unexpected = 0;
  let found = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v !== v) {
      missing++;
      continue;
    }
    if ((sLo ? v <= lo : v < lo) || (sHi ? v >= hi : v > hi)) {
      if (found < cap) rows[found++] = i;
      unexpected++;
    }
  }
  return { missing, unexpected, found };
}

/**
 * Range check; `lo`/`hi` ±Infinity when unbounded. Non-numeric present values (strings, dates, booleans) are
 * unexpected; `bigint` values are compared as numbers.
 */
export function tallyBetween(
  col: ArrayLike<unknown>,
  lo: number,
  hi: number,
  strictLo: boolean,
  strictHi: boolean,
  rows: Int32Array,
): MapTally {
  if (isNumericTyped(col)) return betweenTyped(col, lo, hi, strictLo, strictHi, rows);
  const n = col.length;
  const cap = rows.length;
  let missing = 0;
  let unexpected = 0;
  let found = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v == null || v !== v) {
      missing++;
      continue;
    }
    let bad: boolean;
    if (typeof v === 'number') bad = (strictLo ? v <= lo : v < lo) || (strictHi ? v >= hi : v > hi);
    else if (typeof v === 'bigint') {
      const x = Number(v);
      bad = (strictLo ? x <= lo : x < lo) || (strictHi ? x >= hi : x > hi);
    } else bad = true;
    if (bad) {
      if (found < cap) rows[found++] = i;
      unexpected++;
    }
  }
  return { missing, unexpected, found };
}

/** Set membership (`SameValueZero`, so `1` and `'1'` differ). `negate` true: unexpected when IN the set. */
export function tallyInSet(col: ArrayLike<unknown>, set: ReadonlySet<unknown>, negate: boolean, rows: Int32Array): MapTally {
  const n = col.length;
  const cap = rows.length;
  let missing = 0;
  let unexpected = 0;
  let found = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v == null || v !== v) {
      missing++;
      continue;
    }
    if (set.has(v) === negate) {
      if (found < cap) rows[found++] = i;
      unexpected++;
    }
  }
  return { missing, unexpected, found };
}

/** Regex search (GX `re.search` semantics); non-strings are tested as text (`Date` as ISO 8601). */
export function tallyRegex(col: ArrayLike<unknown>, re: RegExp, rows: Int32Array): MapTally {
  const n = col.length;
  const cap = rows.length;
  let missing = 0;
  let unexpected = 0;
  let found = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v == null || v !== v) {
      missing++;
      continue;
    }
    const s = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : String(v);
    if (!re.test(s)) {
      if (found < cap) rows[found++] = i;
      unexpected++;
    }
  }
  return { missing, unexpected, found };
}

/** Type check of each present cell (see value-types.ts for the GX name → JS check table). */
export function tallyType(col: ArrayLike<unknown>, kind: ValueKind, rows: Int32Array): MapTally {
  const n = col.length;
  const cap = rows.length;
  let missing = 0;
  let unexpected = 0;
  let found = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v == null || v !== v) {
      missing++;
      continue;
    }
    if (!matchesKind(v, kind)) {
      if (found < cap) rows[found++] = i;
      unexpected++;
    }
  }
  return { missing, unexpected, found };
}

/**
 * Uniqueness as GX (pandas `duplicated(keep=False)`): every occurrence of a repeated value is unexpected, the
 * first one included. Dates compare by timestamp. Hash-groups rows (group-rows.ts); columns holding
 * unhashable objects fall back to a `Map` keyed by identity.
 */
export function tallyUnique(col: ArrayLike<unknown>, rows: Int32Array): MapTally {
  const n = col.length;
  const cap = rows.length;
  let unexpected = 0;
  let found = 0;
  const g = groupRows(col, 'duplicates');
  if (g !== null) {
    const dup = g.isDuplicate as Uint8Array;
    for (let i = 0; i < n; i++) {
      if (dup[i] === 1) {
        if (found < cap) rows[found++] = i;
        unexpected++;
      }
    }
    return { missing: g.missing, unexpected, found };
  }
  let missing = 0;
  const seen = new Map<unknown, number>();
  for (let i = 0; i < n; i++) {
    let v = col[i];
    if (v == null || v !== v) continue;
    if (v instanceof Date) v = v.getTime();
    seen.set(v, (seen.get(v) ?? 0) + 1);
  }
  for (let i = 0; i < n; i++) {
    let v = col[i];
    if (v == null || v !== v) {
      missing++;
      continue;
    }
    if (v instanceof Date) v = v.getTime();
    if ((seen.get(v) ?? 0) > 1) {
      if (found < cap) rows[found++] = i;
      unexpected++;
    }
  }
  return { missing, unexpected, found };
}
