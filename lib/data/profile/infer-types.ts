import { isMissing, type TableLike } from '@/lib/data/table';

/** Profile column types. `id`: high-cardinality strings without spaces; `text`: high-cardinality free text. */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'text' | 'id';

/** Types for raw text cells (CSV upload): numeric, boolean (true/false), or string. */
export type CellKind = 'numeric' | 'boolean' | 'string';

/** A text cell is missing when it is null, empty or whitespace only. */
export function isBlankCell(s: string | null | undefined): boolean {
  return s === null || s === undefined || s.trim() === '';
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a numeric text cell (trimmed; plain decimal/exponent notation only); NaN when it is not a finite number. */
export function parseNumberCell(s: string): number {
  const t = s.trim();
  if (!NUMBER_TEXT.test(t)) return NaN;
  const x = Number(t);
  return Number.isFinite(x) ? x : NaN;
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

/**
 * A boolean text cell: `strict` accepts only true/false (any case), as inference does; otherwise also
 * t/f, yes/no, y/n, 1/0 (an explicit boolean override). Null when it is not a boolean word.
 */
export function parseBooleanCell(s: string, strict = true): boolean | null {
  const t = s.trim().toLowerCase();
  if (strict) return t === 'true' ? true : t === 'false' ? false : null;
  return TRUE_WORDS.has(t) ? true : FALSE_WORDS.has(t) ? false : null;
}

/**
 * Infers the kind of a column of text cells: numeric when every non-blank cell is a finite number, boolean
 * when every non-blank cell is true/false, else string. An all-blank column is string.
 */
export function inferCellKind(cells: ArrayLike<string | null | undefined>): CellKind {
  let numeric = true;
  let boolean = true;
  let seen = 0;
  for (let i = 0; i < cells.length && (numeric || boolean); i++) {
    const c = cells[i];
    if (isBlankCell(c)) continue;
    seen++;
    if (numeric && Number.isNaN(parseNumberCell(c as string))) numeric = false;
    if (boolean && parseBooleanCell(c as string) === null) boolean = false;
  }
  if (seen === 0) return 'string';
  return numeric ? 'numeric' : boolean ? 'boolean' : 'string';
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export interface InferOptions {
  /** Highest distinct count still treated as categorical. Default 20. */
  maxLevels?: number;
}

/**
 * The profile kind of a column of typed values (numbers, booleans, strings, Dates, missing): typed arrays and
 * all-number columns are numeric; all-boolean → boolean; Dates or ISO date strings → datetime; strings with at
 * most `maxLevels` distinct values, or distinct ≤ half the non-missing count → categorical; otherwise `id`
 * (no whitespace in any value) or `text`.
 */
export function inferColumnKind(values: ArrayLike<unknown>, opts: InferOptions = {}): ColumnKind {
  const maxLevels = opts.maxLevels ?? 20;
  if (ArrayBuffer.isView(values)) return 'numeric';
  let numbers = 0;
  let bools = 0;
  let dates = 0;
  let strings = 0;
  let isoStrings = 0;
  let spaced = false;
  const distinct = new Set<unknown>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (typeof v === 'number') numbers++;
    else if (typeof v === 'boolean') bools++;
    else if (v instanceof Date) dates++;
    else {
      const s = String(v);
      strings++;
      if (ISO_DATETIME.test(s)) isoStrings++;
      if (!spaced && /\s/.test(s)) spaced = true;
      distinct.add(s);
    }
  }
  const total = numbers + bools + dates + strings;
  if (total === 0) return 'categorical';
  if (numbers === total) return 'numeric';
  if (bools === total) return 'boolean';
  if (dates + isoStrings === total) return 'datetime';
  if (distinct.size <= maxLevels || distinct.size <= strings / 2) return 'categorical';
  return spaced ? 'text' : 'id';
}

/** `inferColumnKind` for every column of a table, by name. */
export function inferColumnTypes(table: TableLike, opts: InferOptions = {}): Record<string, ColumnKind> {
  const out: Record<string, ColumnKind> = {};
  for (const name of table.columnNames()) out[name] = inferColumnKind(table.array(name), opts);
  return out;
}
