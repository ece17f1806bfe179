import { isMissing, type TableLike } from '../data/table';

/** The two kinds of column the transform knows: numbers (`Float64Array`, NaN = missing) and text levels (`null` = missing). */
export type ColumnKind = 'numeric' | 'categorical';

/**
 * What a working column is for. `value` columns are real measurements (and derived numbers); `indicator` and
 * `encoded` columns come from impute indicators and encoders. The `'numeric'` selector of impute/scale only
 * matches `value` columns, so one-hot columns are never standard-scaled by accident.
 */
export type ColumnRole = 'value' | 'indicator' | 'encoded';

/**
 * A working column. Categoricals are dictionary-encoded: `codes[i]` indexes `dict`, -1 = missing
 * (`dict` entries are the level strings; a level may appear twice only after a bin with repeated labels).
 */
export type Column =
  | { kind: 'numeric'; values: Float64Array; role: ColumnRole; sources: readonly string[] }
  | { kind: 'categorical'; codes: Int32Array; dict: string[]; role: ColumnRole; sources: readonly string[] };

/** Dictionary-encodes raw cells as levels (see `toLevel`); the dictionary is in first-seen order. */
export function encodeLevels(values: ArrayLike<unknown>): { codes: Int32Array; dict: string[] } {
  const n = values.length;
  const codes = new Int32Array(n);
  const dict: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let l: string | null;
    if (typeof v === 'string') {
      // Only a string starting with whitespace can be blank; avoids a trim per cell.
      l = v.length === 0 || (v.charCodeAt(0) <= 32 && v.trim() === '') ? null : v;
    } else l = toLevel(v);
    if (l === null) {
      codes[i] = -1;
      continue;
    }
    // Short columns (applyRow) search the dictionary instead of hashing.
    let c = n <= 16 ? dictIndex(dict, l) : index.get(l);
    if (c === undefined) {
      c = dict.length;
      dict.push(l);
      index.set(l, c);
    }
    codes[i] = c;
  }
  return { codes, dict };
}

function dictIndex(dict: string[], l: string): number | undefined {
  const k = dict.indexOf(l);
  return k < 0 ? undefined : k;
}

/** The levels of a categorical column as strings (null = missing). */
export function decodeLevels(col: { codes: Int32Array; dict: string[] }): (string | null)[] {
  const out = new Array<string | null>(col.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = col.codes[i] < 0 ? null : col.dict[col.codes[i]];
  return out;
}

/**
 * An ordered set of working columns, all `n` rows long. Lookups go through a Map (own names only).
 * Columns may be lazy (read from the raw table on first `get`), so a column dropped before use is never read.
 * Runners own the arrays of the frame and may update numeric values in place; no two columns share an array.
 */
export class Frame {
  readonly cols = new Map<string, Column>();
  private readonly lazy = new Map<string, { kind: ColumnKind; read: () => Column }>();
  order: string[] = [];
  constructor(readonly n: number) {}

  get(name: string): Column | undefined {
    const l = this.lazy.get(name);
    if (l !== undefined) {
      this.lazy.delete(name);
      this.cols.set(name, l.read());
    }
    return this.cols.get(name);
  }
  /** Kind and role without reading a lazy column. */
  meta(name: string): { kind: ColumnKind; role: ColumnRole } | undefined {
    const l = this.lazy.get(name);
    if (l !== undefined) return { kind: l.kind, role: 'value' };
    return this.cols.get(name);
  }
  setLazy(name: string, kind: ColumnKind, read: () => Column): void {
    this.order.push(name);
    this.lazy.set(name, { kind, read });
  }
  /** Sets a column; a new name goes after `after` (or at the end), an existing one keeps its place. */
  set(name: string, col: Column, after?: string): void {
    this.lazy.delete(name);
    if (!this.order.includes(name)) {
      const at = after === undefined ? -1 : this.order.indexOf(after);
      if (at < 0) this.order.push(name);
      else this.order.splice(at + 1, 0, name);
    }
    this.cols.set(name, col);
  }
  /** Replaces one column by several, in its position. */
  replace(name: string, cols: [string, Column][]): void {
    const at = this.order.indexOf(name);
    this.cols.delete(name);
    this.lazy.delete(name);
    const names = cols.map(([n]) => n);
    this.order.splice(at, 1, ...names);
    for (const [n, c] of cols) this.cols.set(n, c);
  }
  remove(name: string): void {
    if (!this.cols.delete(name) && !this.lazy.delete(name)) return;
    this.order.splice(this.order.indexOf(name), 1);
  }
}

/** A number from a string, or NaN: decimal notation only (no hex/octal/binary literals, no "Infinity"). */
function parseDecimal(v: string): number {
  const x = Number(v); // accepts surrounding whitespace; '' and '  ' give 0
  if (x - x !== 0) return NaN;
  const s = v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32 ? v.trim() : v;
  if (s.length === 0) return NaN;
  // Number() also reads 0x1f / 0o17 / 0b11; plain decimals never contain x, o or b.
  if (s.length > 2 && s.charCodeAt(0) === 48) {
    const c = s.charCodeAt(1) | 32;
    if (c === 120 || c === 111 || c === 98) return NaN;
  }
  return x;
}

/** A raw cell as a number: numbers and decimal strings (trimmed) pass, booleans are 1/0, Dates are epoch ms; anything else, blanks and ±Infinity are NaN. */
export function toNumber(v: unknown): number {
  let x: number;
  if (typeof v === 'number') x = v;
  else if (typeof v === 'string') return parseDecimal(v);
  else if (typeof v === 'boolean') x = v ? 1 : 0;
  else if (typeof v === 'bigint') x = Number(v);
  else if (v instanceof Date) x = v.getTime();
  else x = NaN;
  return x - x === 0 ? x : NaN;
}

/** A raw cell as a categorical level: strings as is (blank → missing), numbers via `String()`, Dates as ISO strings. */
export function toLevel(v: unknown): string | null {
  if (isMissing(v)) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return String(v);
}

/** True when a non-missing raw cell can be read as a number (see `toNumber`). */
export function isNumberLike(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return parseDecimal(v) === parseDecimal(v);
  return typeof v === 'boolean' || typeof v === 'bigint' || v instanceof Date;
}

/** True for a raw cell that counts as missing: null/undefined/NaN and blank strings. */
export function isBlank(v: unknown): boolean {
  return isMissing(v) || (typeof v === 'string' && v.trim() === '');
}

/** A column is numeric when every non-blank cell is number-like (an all-blank column counts as numeric). */
export function inferKind(values: ArrayLike<unknown>): ColumnKind {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!isBlank(v) && !isNumberLike(v)) return 'categorical';
  }
  return 'numeric';
}

export function numericColumn(values: ArrayLike<unknown>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toNumber(values[i]);
  return out;
}

export function categoricalColumn(values: ArrayLike<unknown>): (string | null)[] {
  const out = new Array<string | null>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toLevel(values[i]);
  return out;
}

/** A raw column read as `kind`. */
export function readColumn(values: ArrayLike<unknown>, kind: ColumnKind, name: string): Column {
  const sources = [name];
  if (kind === 'numeric') return { kind, values: numericColumn(values), role: 'value', sources };
  const { codes, dict } = encodeLevels(values);
  return { kind, codes, dict, role: 'value', sources };
}

const POSITIVE = new Set(['1', 'true', 't', 'yes', 'y', 'churned', 'churn', 'positive', 'pos']);
const NEGATIVE = new Set(['0', 'false', 'f', 'no', 'n', 'retained', 'negative', 'neg']);

/**
 * A binary target as 1/0 (NaN = missing). Numbers 0/1, booleans and yes/no/true/false strings map directly;
 * any other column with exactly two distinct levels maps the lexicographically larger level to 1.
 * Throws `RangeError` naming the values when the column is not binary.
 */
export function binaryTarget(values: ArrayLike<unknown>, name = 'target'): Float64Array {
  const out = new Float64Array(values.length);
  const levels = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    const l = toLevel(values[i]);
    if (l !== null) levels.add(typeof values[i] === 'number' ? String(values[i]) : l.trim().toLowerCase());
  }
  const lv = [...levels];
  const known = lv.every((l) => POSITIVE.has(l) || NEGATIVE.has(l));
  if (!known && lv.length > 2) {
    throw new RangeError(`target "${name}" is not binary: ${lv.length} levels (${lv.slice(0, 5).join(', ')}…)`);
  }
  const sorted = lv.slice().sort();
  for (let i = 0; i < values.length; i++) {
    const l0 = toLevel(values[i]);
    if (l0 === null) {
      out[i] = NaN;
      continue;
    }
    const l = typeof values[i] === 'number' ? String(values[i]) : l0.trim().toLowerCase();
    if (known) {
      if (POSITIVE.has(l)) out[i] = 1;
      else out[i] = 0;
    } else out[i] = sorted.length === 2 && l === sorted[1] ? 1 : 0;
  }
  return out;
}

/** Reads a table's column, throwing `RangeError` naming it when absent. */
export function tableColumn(table: TableLike, name: string): ArrayLike<unknown> {
  if (!table.columnNames().includes(name)) throw new RangeError(`unknown column "${name}"`);
  return table.array(name);
}
