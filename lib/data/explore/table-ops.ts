import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

/**
 * Filter, sort and group helpers over an arquero ColumnTable for the snapshot explorer.
 *
 * Why no arquero expressions (not even `aq.escape`): arquero compiles every verb argument — string expressions
 * *and* the wrapper around an escaped function (`compile.escape`), orderby comparators, groupby keys — with the
 * `Function` constructor, which the site's Content-Security-Policy forbids in production (no 'unsafe-eval'). So the
 * helpers build the row mask (`BitSet`) and comparator themselves and hand them to `table.create({ filter, order })`,
 * arquero's own low-level entry point; user text is only ever compared as data, never turned into code.
 */

/** A per-column filter from the filter row: text contains (case-insensitive) or a numeric range (inclusive). */
export type ColumnFilter =
  | { type: 'contains'; column: string; text: string }
  | { type: 'range'; column: string; min: number | null; max: number | null };

export interface SortSpec {
  column: string;
  desc: boolean;
}

/** Decoded column data: typed arrays (NaN = missing) or plain arrays (null = missing). */
export type ColumnData = ArrayLike<unknown>;

/** Wraps decoded columns in an arquero table without copying (arrays are used as the column storage). */
export function tableFromColumns(columns: Record<string, ColumnData>): ColumnTable {
  return aq.table(columns as Record<string, unknown[]>);
}

function missing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** True when the filter constrains nothing (empty text, open range). */
export function isEmptyFilter(f: ColumnFilter): boolean {
  return f.type === 'contains' ? f.text.trim() === '' : f.min === null && f.max === null;
}

/** One row test per filter; every test reads the column through `at(row)` on the unfiltered table. */
function rowTest(table: ColumnTable, f: ColumnFilter): (row: number) => boolean {
  const col = table.column(f.column);
  if (!col) throw new RangeError(`filter names unknown column "${f.column}"`);
  if (f.type === 'contains') {
    const needle = f.text.trim().toLowerCase();
    return (row) => {
      const v = col.at(row);
      return !missing(v) && String(v).toLowerCase().includes(needle);
    };
  }
  const lo = f.min ?? -Infinity;
  const hi = f.max ?? Infinity;
  if (Number.isNaN(lo) || Number.isNaN(hi)) throw new RangeError(`range filter on "${f.column}" has a NaN bound`);
  return (row) => {
    const v = col.at(row);
    if (missing(v)) return false;
    const x = typeof v === 'number' ? v : Number(v);
    return x >= lo && x <= hi;
  };
}

/** Missing values sort last in both directions; numbers numerically, everything else by string form. */
function comparator(table: ColumnTable, sort: SortSpec): (a: number, b: number) => number {
  const col = table.column(sort.column);
  if (!col) throw new RangeError(`sort names unknown column "${sort.column}"`);
  const dir = sort.desc ? -1 : 1;
  return (a, b) => {
    const u = col.at(a);
    const v = col.at(b);
    const mu = missing(u);
    const mv = missing(v);
    if (mu || mv) return mu && mv ? a - b : mu ? 1 : -1;
    let c: number;
    if (typeof u === 'number' && typeof v === 'number') c = u - v;
    else if (typeof u === 'boolean' && typeof v === 'boolean') c = Number(u) - Number(v);
    else {
      const su = String(u);
      const sv = String(v);
      c = su < sv ? -1 : su > sv ? 1 : 0;
    }
    return c !== 0 ? c * dir : a - b;
  };
}

/**
 * The view of `base` (an unfiltered, unordered table) under `filters` (ANDed; empty ones ignored) and `sort`.
 * Returns a new arquero table sharing base's columns; `view.indices()` lists base row ids in view order.
 */
export function applyView(base: ColumnTable, filters: readonly ColumnFilter[], sort: SortSpec | null): ColumnTable {
  if (base.isFiltered() || base.isOrdered()) throw new RangeError('applyView expects an unfiltered, unordered base table');
  const tests = filters.filter((f) => !isEmptyFilter(f)).map((f) => rowTest(base, f));
  let mask: aq.BitSet | null = null;
  if (tests.length > 0) {
    const n = base.totalRows();
    mask = new aq.BitSet(n);
    for (let i = 0; i < n; i++) {
      let keep = true;
      for (let t = 0; t < tests.length && keep; t++) keep = tests[t](i);
      if (keep) mask.set(i);
    }
  }
  // undefined inherits base's (absent) filter/order; `order` gets (a, b, data) but the closures hold the columns.
  return base.create({ filter: mask ?? undefined, order: sort ? comparator(base, sort) : undefined });
}

const POSITIVE_WORDS = new Set(['1', 'true', 'yes', 'y', 'churned', 'churn']);

/**
 * A test for the target's positive class: equal string forms with `positive` when given, else the usual words
 * (true, 1, yes, churned; case-insensitive). Missing values are neither positive nor negative (return null).
 */
export function positiveTest(positive: string | null | undefined): (v: unknown) => boolean | null {
  if (positive !== null && positive !== undefined && positive !== '') {
    return (v) => (missing(v) ? null : String(v) === positive);
  }
  return (v) => (missing(v) ? null : POSITIVE_WORDS.has(String(v).toLowerCase()));
}

export interface GroupRow {
  /** The level (string form; "(missing)" for null/NaN) or a numeric bin label "[lo, hi)". */
  key: string;
  count: number;
  /** Positive share among rows with a known target; null without a target or known rows. */
  churnRate: number | null;
  /** Mean of the `meanOf` column over non-missing values; null when not requested or none. */
  mean: number | null;
}

export interface GroupSummary {
  rows: GroupRow[];
  /** Groups beyond `limit` (largest groups are kept). */
  omitted: number;
  /** True when a numeric `by` column was binned rather than grouped by value. */
  binned: boolean;
}

export interface GroupOptions {
  target?: string | null;
  positive?: string | null;
  meanOf?: string | null;
  /** Most groups returned. Default 50. */
  limit?: number;
  /** Numeric `by` columns with more distinct values than this are binned into `bins` equal-width bins. Default 20. */
  maxLevels?: number;
  bins?: number;
}

export const MISSING_KEY = '(missing)';

/**
 * Count, churn rate and mean per level of `by`, over the rows of `view` (filters and order respected), largest
 * groups first. Plain loops over `view.indices()`: no arquero expressions (see the module note).
 */
export function groupSummary(view: ColumnTable, by: string, opts: GroupOptions = {}): GroupSummary {
  const limit = opts.limit ?? 50;
  const maxLevels = opts.maxLevels ?? 20;
  const bins = opts.bins ?? 10;
  const col = view.column(by);
  if (!col) throw new RangeError(`group-by names unknown column "${by}"`);
  const tcol = opts.target ? view.column(opts.target) : null;
  if (opts.target && !tcol) throw new RangeError(`unknown target column "${opts.target}"`);
  const mcol = opts.meanOf ? view.column(opts.meanOf) : null;
  if (opts.meanOf && !mcol) throw new RangeError(`unknown mean column "${opts.meanOf}"`);
  const isPos = positiveTest(opts.positive);
  const idx = view.indices();

  // Numeric columns with many distinct values read better as bins.
  let keyOf: (v: unknown) => string = (v) => (missing(v) ? MISSING_KEY : String(v));
  let binned = false;
  let numeric = true;
  let lo = Infinity;
  let hi = -Infinity;
  const seen = new Set<number>();
  for (let i = 0; i < idx.length && numeric; i++) {
    const v = col.at(idx[i]);
    if (missing(v)) continue;
    if (typeof v !== 'number') numeric = false;
    else {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (seen.size <= maxLevels) seen.add(v);
    }
  }
  if (numeric && seen.size > maxLevels && hi > lo) {
    binned = true;
    const edges = binEdges(lo, hi, bins);
    const labels = edges.slice(0, -1).map((e, b) => `[${fmtEdge(e)}, ${fmtEdge(edges[b + 1])}${b === bins - 1 ? ']' : ')'}`);
    keyOf = (v) => (missing(v) ? MISSING_KEY : labels[binIndex(v as number, lo, hi, bins)]);
  }

  const acc = new Map<string, { count: number; pos: number; known: number; sum: number; n: number; order: number }>();
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i];
    const k = keyOf(col.at(r));
    let g = acc.get(k);
    if (!g) acc.set(k, (g = { count: 0, pos: 0, known: 0, sum: 0, n: 0, order: acc.size }));
    g.count++;
    if (tcol) {
      const p = isPos(tcol.at(r));
      if (p !== null) {
        g.known++;
        if (p) g.pos++;
      }
    }
    if (mcol) {
      const m = mcol.at(r);
      const x = typeof m === 'number' ? m : typeof m === 'boolean' ? Number(m) : NaN;
      if (!Number.isNaN(x)) {
        g.sum += x;
        g.n++;
      }
    }
  }
  let entries = [...acc.entries()];
  // Bins stay in numeric order (insertion order is data order, so sort by lower edge); levels by count.
  if (binned) entries.sort((a, b) => binOrder(a[0]) - binOrder(b[0]));
  else entries.sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const omitted = Math.max(0, entries.length - limit);
  if (omitted > 0 && !binned) entries = entries.slice(0, limit);
  return {
    rows: entries.map(([key, g]) => ({
      key,
      count: g.count,
      churnRate: tcol && g.known > 0 ? g.pos / g.known : null,
      mean: mcol && g.n > 0 ? g.sum / g.n : null,
    })),
    omitted: binned ? 0 : omitted,
    binned,
  };
}

function fmtEdge(x: number): string {
  return String(Number(x.toPrecision(4)));
}

function binOrder(key: string): number {
  if (key === MISSING_KEY) return Infinity;
  return Number(key.slice(1, key.indexOf(',')));
}

/** `bins + 1` equal-width edges from lo to hi. */
export function binEdges(lo: number, hi: number, bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const w = (hi - lo) / bins;
  const edges = new Array<number>(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = b === bins ? hi : lo + b * w;
  return edges;
}

/** Bin of x in [lo, hi] split into `bins` equal-width bins; the last bin is closed. */
export function binIndex(x: number, lo: number, hi: number, bins: number): number {
  if (hi <= lo) return 0;
  const b = Math.floor(((x - lo) / (hi - lo)) * bins);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

/** The non-missing numbers of a column (booleans as 0/1 excluded), for charts. Respects the view's rows. */
export function numericValues(view: ColumnTable, column: string): Float64Array {
  const col = view.column(column);
  if (!col) throw new RangeError(`unknown column "${column}"`);
  const idx = view.indices();
  const out = new Float64Array(idx.length);
  let n = 0;
  for (let i = 0; i < idx.length; i++) {
    const v = col.at(idx[i]);
    if (typeof v === 'number' && !Number.isNaN(v)) out[n++] = v;
  }
  return out.subarray(0, n);
}
