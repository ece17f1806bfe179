import type { TableLike } from '../data/table';
import { distinctValues, numericMedian, numericSummary, sortValues } from './column-aggregates';
import { tallyBetween, tallyInSet, tallyNulls, tallyRegex, tallyType, tallyUnique, type MapTally } from './column-kernels';
import type { ColumnMapExpectation, Expectation, ExpectationOf } from './expectation-schema';
import type { ExpectationResult, ExpectationResultDetail } from './expectation-result';
import { compileUserRegex } from './safe-regex';
import { valueKindOf } from './value-types';

/** Shared state of one suite run: column cache, id column, scratch buffer for unexpected row indices. */
export interface EvalContext {
  table: TableLike;
  columns: ReadonlySet<string>;
  cache: Map<string, ArrayLike<unknown>>;
  /** Id values per row, or null to report row indices. */
  ids: ArrayLike<unknown> | null;
  /** Scratch of length maxUnexpected. */
  rows: Int32Array;
}

export function createEvalContext(table: TableLike, idColumn: string | null, maxUnexpected: number): EvalContext {
  const columns = new Set(table.columnNames());
  const ctx: EvalContext = { table, columns, cache: new Map(), ids: null, rows: new Int32Array(maxUnexpected) };
  if (idColumn !== null) {
    if (!columns.has(idColumn)) throw new RangeError(`idColumn "${idColumn}" is not a column of the table`);
    ctx.ids = columnOf(ctx, idColumn);
  }
  return ctx;
}

/** The optional extras of an arquero ColumnTable that allow reading a column without a copy. */
interface ColumnSource {
  isFiltered?: () => boolean;
  isOrdered?: () => boolean;
  column?: (name: string) => unknown;
}

/**
 * arquero's `array(name)` copies the column through a per-row callback (~0.1 s per 1M-row column). When the
 * table is an unfiltered, unordered arquero table whose column is a plain or typed array, read that array
 * directly: same values, same order. Arrow-backed columns (no index access) still go through `array()`.
 */
function directColumn(table: TableLike, name: string): ArrayLike<unknown> | undefined {
  const t = table as TableLike & ColumnSource;
  if (typeof t.column !== 'function' || typeof t.isFiltered !== 'function' || typeof t.isOrdered !== 'function') return undefined;
  if (t.isFiltered() || t.isOrdered()) return undefined;
  const c = t.column(name);
  if ((Array.isArray(c) || ArrayBuffer.isView(c)) && (c as ArrayLike<unknown>).length === table.numRows()) return c as ArrayLike<unknown>;
  return undefined;
}

function columnOf(ctx: EvalContext, name: string): ArrayLike<unknown> | null {
  if (!ctx.columns.has(name)) return null;
  let col = ctx.cache.get(name);
  if (col === undefined) {
    col = directColumn(ctx.table, name) ?? ctx.table.array(name);
    ctx.cache.set(name, col);
  }
  return col ?? null;
}

/** JSON-safe copy of a cell for reports: bigint → number (or string beyond 2^53), NaN → null. */
function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (typeof v === 'number' && Number.isNaN(v)) return null;
  return v === undefined ? null : v;
}

const pct = (num: number, den: number): number | null => (den > 0 ? (100 * num) / den : null);

function fail(e: Expectation, message: string, result: ExpectationResultDetail = {}): ExpectationResult {
  return { expectation_config: e, success: false, severity: e.severity, result, exception_info: { raised_exception: true, exception_message: message } };
}

function done(e: Expectation, success: boolean, result: ExpectationResultDetail): ExpectationResult {
  return { expectation_config: e, success, severity: e.severity, result, exception_info: { raised_exception: false, exception_message: null } };
}

function missingColumn(ctx: EvalContext, e: Expectation, name: string): ExpectationResult {
  const known = [...ctx.columns];
  const list = known.length > 20 ? `${known.slice(0, 20).join(', ')}, …` : known.join(', ');
  return fail(e, `column "${name}" does not exist; table columns: ${list || '(none)'}`);
}

function runMapKernel(e: ColumnMapExpectation, col: ArrayLike<unknown>, rows: Int32Array): MapTally {
  switch (e.expectation_type) {
    case 'expect_column_values_to_not_be_null':
      return tallyNulls(col, false, rows);
    case 'expect_column_values_to_be_null':
      return tallyNulls(col, true, rows);
    case 'expect_column_values_to_be_between': {
      const k = e.kwargs;
      return tallyBetween(col, k.min_value ?? -Infinity, k.max_value ?? Infinity, k.strict_min ?? false, k.strict_max ?? false, rows);
    }
    case 'expect_column_values_to_be_unique':
      return tallyUnique(col, rows);
    case 'expect_column_values_to_be_in_set':
      return tallyInSet(col, new Set<unknown>(e.kwargs.value_set), false, rows);
    case 'expect_column_values_to_not_be_in_set':
      return tallyInSet(col, new Set<unknown>(e.kwargs.value_set), true, rows);
    case 'expect_column_values_to_match_regex': {
      const re = compileUserRegex(e.kwargs.regex);
      if (typeof re === 'string') throw new TypeError(re); // parse-time checks make this unreachable
      return tallyRegex(col, re, rows);
    }
    case 'expect_column_values_to_be_of_type': {
      const kind = valueKindOf(e.kwargs.type_);
      if (kind === undefined) throw new TypeError(`unsupported type_ "${e.kwargs.type_}"`);
      return tallyType(col, kind, rows);
    }
  }
}

function evaluateMap(ctx: EvalContext, e: ColumnMapExpectation): ExpectationResult {
  const col = columnOf(ctx, e.kwargs.column);
  if (col === null) return missingColumn(ctx, e, e.kwargs.column);
  const t = runMapKernel(e, col, ctx.rows);
  const n = col.length;
  const nullExpectation =
    e.expectation_type === 'expect_column_values_to_not_be_null' || e.expectation_type === 'expect_column_values_to_be_null';
  // GX: map expectations ignore nulls, so `mostly` and unexpected_percent are relative to the non-null count;
  // the two null expectations evaluate every row instead.
  const evaluated = nullExpectation ? n : n - t.missing;
  const mostly = e.kwargs.mostly ?? 1;
  const success = evaluated === 0 || (evaluated - t.unexpected) / evaluated >= mostly;
  const partial: unknown[] = new Array(t.found);
  const index: Array<string | number> = new Array(t.found);
  const counts = new Map<unknown, number>();
  for (let j = 0; j < t.found; j++) {
    const r = ctx.rows[j];
    const v = jsonSafe(col[r]);
    partial[j] = v;
    index[j] = ctx.ids === null ? r : (jsonSafe(ctx.ids[r]) as string | number);
    const key = v instanceof Date ? v.getTime() : v;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const partialCounts = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
  return done(e, success, {
    element_count: n,
    missing_count: t.missing,
    missing_percent: pct(t.missing, n),
    unexpected_count: t.unexpected,
    unexpected_percent: pct(t.unexpected, evaluated),
    unexpected_percent_total: pct(t.unexpected, n),
    partial_unexpected_list: partial,
    partial_unexpected_index_list: index,
    partial_unexpected_counts: partialCounts,
  });
}

type BetweenKw = { min_value?: number | null; max_value?: number | null; strict_min?: boolean; strict_max?: boolean };
function inRange(x: number, k: BetweenKw): boolean {
  const lo = k.min_value ?? null;
  const hi = k.max_value ?? null;
  if (lo !== null && (k.strict_min ? !(x > lo) : !(x >= lo))) return false;
  if (hi !== null && (k.strict_max ? !(x < hi) : !(x <= hi))) return false;
  return true;
}

type StatExpectation = ExpectationOf<
  'expect_column_mean_to_be_between' | 'expect_column_median_to_be_between' | 'expect_column_stdev_to_be_between'
>;
function evaluateStat(ctx: EvalContext, e: StatExpectation): ExpectationResult {
  const col = columnOf(ctx, e.kwargs.column);
  if (col === null) return missingColumn(ctx, e, e.kwargs.column);
  const s = numericSummary(col);
  const base = { element_count: col.length, missing_count: s.missing };
  if (s.nonNumeric > 0) {
    return fail(e, `column "${e.kwargs.column}" has ${s.nonNumeric} non-numeric values`, { ...base, observed_value: null });
  }
  const x =
    e.expectation_type === 'expect_column_mean_to_be_between'
      ? s.mean
      : e.expectation_type === 'expect_column_stdev_to_be_between'
        ? s.stdev
        : numericMedian(col);
  // GX: a statistic that cannot be computed (no values, stdev of one value) fails with observed_value None.
  if (Number.isNaN(x)) return done(e, false, { ...base, observed_value: null });
  return done(e, inRange(x, e.kwargs), { ...base, observed_value: x });
}

const MAX_OBSERVED_DISTINCT = 1000;

function evaluateDistinct(
  ctx: EvalContext,
  e: ExpectationOf<'expect_column_distinct_values_to_be_in_set' | 'expect_column_proportion_of_unique_values_to_be_between'>,
): ExpectationResult {
  const col = columnOf(ctx, e.kwargs.column);
  if (col === null) return missingColumn(ctx, e, e.kwargs.column);
  const d = distinctValues(col);
  const base = { element_count: col.length, missing_count: d.missing };
  if (e.expectation_type === 'expect_column_proportion_of_unique_values_to_be_between') {
    const p = d.nonNull > 0 ? d.values.length / d.nonNull : 0; // GX returns 0 for an all-null column
    return done(e, inRange(p, e.kwargs), { ...base, observed_value: p });
  }
  const allowed = new Set<unknown>(e.kwargs.value_set);
  const unexpected = d.values.filter((v) => !allowed.has(v));
  const observed = sortValues(d.values).map(jsonSafe);
  return done(e, unexpected.length === 0, {
    ...base,
    observed_value: observed.length > MAX_OBSERVED_DISTINCT ? observed.slice(0, MAX_OBSERVED_DISTINCT) : observed,
    details: {
      unexpected_values: sortValues(unexpected).slice(0, ctx.rows.length).map(jsonSafe),
      distinct_count: d.values.length,
      observed_value_truncated: observed.length > MAX_OBSERVED_DISTINCT,
    },
  });
}

function evaluateTable(ctx: EvalContext, e: Expectation): ExpectationResult {
  const names = ctx.table.columnNames();
  switch (e.expectation_type) {
    case 'expect_table_columns_to_match_ordered_list': {
      const want = e.kwargs.column_list;
      const mismatched: Array<{ expected_index: number; Expected: string | null; Found: string | null }> = [];
      for (let i = 0; i < Math.max(want.length, names.length); i++) {
        if (want[i] !== names[i]) mismatched.push({ expected_index: i, Expected: want[i] ?? null, Found: names[i] ?? null });
      }
      return done(e, mismatched.length === 0, { observed_value: names, details: { mismatched } });
    }
    case 'expect_table_columns_to_match_set': {
      const want = new Set(e.kwargs.column_set);
      const missing = e.kwargs.column_set.filter((c) => !ctx.columns.has(c));
      const unexpected = names.filter((c) => !want.has(c));
      const exact = e.kwargs.exact_match ?? true;
      const success = missing.length === 0 && (!exact || unexpected.length === 0);
      return done(e, success, { observed_value: names, details: { mismatched: { missing, unexpected } } });
    }
    case 'expect_table_row_count_to_be_between': {
      const n = ctx.table.numRows();
      return done(e, inRange(n, e.kwargs), { observed_value: n });
    }
    case 'expect_column_to_exist': {
      const { column, column_index } = e.kwargs;
      const at = names.indexOf(column);
      const success = at >= 0 && (column_index == null || at === column_index);
      return done(e, success, { details: { found_index: at >= 0 ? at : null } });
    }
    default:
      throw new TypeError(`not a table expectation: ${e.expectation_type}`);
  }
}

/** Evaluates one parsed expectation. Never throws for data problems; they come back as failed results. */
export function evaluateExpectation(ctx: EvalContext, e: Expectation): ExpectationResult {
  switch (e.expectation_type) {
    case 'expect_table_columns_to_match_ordered_list':
    case 'expect_table_columns_to_match_set':
    case 'expect_table_row_count_to_be_between':
    case 'expect_column_to_exist':
      return evaluateTable(ctx, e);
    case 'expect_column_values_to_not_be_null':
    case 'expect_column_values_to_be_null':
    case 'expect_column_values_to_be_between':
    case 'expect_column_values_to_be_unique':
    case 'expect_column_values_to_be_in_set':
    case 'expect_column_values_to_not_be_in_set':
    case 'expect_column_values_to_match_regex':
    case 'expect_column_values_to_be_of_type':
      return evaluateMap(ctx, e);
    case 'expect_column_mean_to_be_between':
    case 'expect_column_median_to_be_between':
    case 'expect_column_stdev_to_be_between':
      return evaluateStat(ctx, e);
    case 'expect_column_distinct_values_to_be_in_set':
    case 'expect_column_proportion_of_unique_values_to_be_between':
      return evaluateDistinct(ctx, e);
    default: {
      const never: never = e;
      throw new TypeError(`unknown expectation ${JSON.stringify(never)}`);
    }
  }
}
