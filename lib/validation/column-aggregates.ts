import { isNumericTyped } from './column-kernels';
import { groupRows } from './group-rows';

/**
 * Aggregate statistics over the present (non-null) cells of a column, as GX column aggregate metrics.
 * Numeric statistics refuse columns holding non-numeric present values (`nonNumeric > 0`), the caller reports it.
 */
export interface NumericSummary {
  /** Present numeric cells. */
  count: number;
  missing: number;
  /** Present cells that are not numbers (strings, booleans, dates…). */
  nonNumeric: number;
  /** Arithmetic mean; NaN when count is 0. */
  mean: number;
  /** Sample standard deviation (ddof = 1, as GX/pandas); NaN when count < 2. */
  stdev: number;
}

/** Mean and sample stdev in one Welford pass (stable for large offsets such as epoch timestamps). */
export function numericSummary(col: ArrayLike<unknown>): NumericSummary {
  const n = col.length;
  let count = 0;
  let missing = 0;
  let nonNumeric = 0;
  let mean = 0;
  let m2 = 0;
  const typed = isNumericTyped(col);
  for (let i = 0; i < n; i++) {
    const v = col[i];
    let x: number;
    if (typed || typeof v === 'number') {
      x = v as number;
      if (x !== x) {
        missing++;
        continue;
      }
    } else if (v == null) {
      missing++;
      continue;
    } else if (typeof v === 'bigint') x = Number(v);
    else {
      nonNumeric++;
      continue;
    }
    count++;
    const d = x - mean;
    mean += d / count;
    m2 += d * (x - mean);
  }
  return {
    count,
    missing,
    nonNumeric,
    mean: count > 0 ? mean : NaN,
    stdev: count > 1 ? Math.sqrt(m2 / (count - 1)) : NaN,
  };
}

/** Median of present numeric cells (mean of the two middle values for even counts); NaN when none. */
export function numericMedian(col: ArrayLike<unknown>): number {
  const n = col.length;
  const buf = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (typeof v === 'number') {
      if (v === v) buf[k++] = v;
    } else if (typeof v === 'bigint') buf[k++] = Number(v);
  }
  if (k === 0) return NaN;
  const s = buf.subarray(0, k).sort();
  const mid = k >> 1;
  return k % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface DistinctSummary {
  /** Distinct present values (Dates kept as the first Date seen for each timestamp). */
  values: unknown[];
  /** Present cells. */
  nonNull: number;
  missing: number;
}

/** Distinct present values, in first-seen order. Dates are keyed by timestamp. */
export function distinctValues(col: ArrayLike<unknown>): DistinctSummary {
  const n = col.length;
  const g = groupRows(col, 'distinct');
  if (g !== null) {
    const values: unknown[] = new Array(g.groupCount);
    for (let k = 0; k < g.groupCount; k++) values[k] = col[g.firstRow[k]];
    // first-seen order, as the Map fallback
    return { values, nonNull: n - g.missing, missing: g.missing };
  }
  const seen = new Map<unknown, unknown>();
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v == null || v !== v) {
      missing++;
      continue;
    }
    const key = v instanceof Date ? v.getTime() : v;
    if (!seen.has(key)) seen.set(key, v);
  }
  return { values: [...seen.values()], nonNull: n - missing, missing };
}

/** Sorts mixed scalar values for display: numbers, then strings, then the rest, each ascending. */
export function sortValues(values: unknown[]): unknown[] {
  const rank = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? 0 : typeof v === 'string' ? 1 : 2);
  return values.slice().sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (ra === 0) return Number(a) - Number(b);
    const sa = a instanceof Date ? a.toISOString() : String(a);
    const sb = b instanceof Date ? b.toISOString() : String(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
}
