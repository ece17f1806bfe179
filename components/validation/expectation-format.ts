/** Display helpers for expectations and results: pure, shared by the Validate cell and the report page. */

const SHORT: Record<string, string> = {
  expect_table_columns_to_match_ordered_list: 'columns match ordered list',
  expect_table_columns_to_match_set: 'columns match set',
  expect_table_row_count_to_be_between: 'row count between',
  expect_column_to_exist: 'column exists',
  expect_column_values_to_not_be_null: 'not null',
  expect_column_values_to_be_null: 'null',
  expect_column_values_to_be_between: 'values between',
  expect_column_values_to_be_unique: 'unique',
  expect_column_values_to_be_in_set: 'in set',
  expect_column_values_to_not_be_in_set: 'not in set',
  expect_column_values_to_match_regex: 'matches regex',
  expect_column_values_to_be_of_type: 'of type',
  expect_column_mean_to_be_between: 'mean between',
  expect_column_median_to_be_between: 'median between',
  expect_column_stdev_to_be_between: 'stdev between',
  expect_column_distinct_values_to_be_in_set: 'distinct values in set',
  expect_column_proportion_of_unique_values_to_be_between: 'unique proportion between',
};

/** `values between` for `expect_column_values_to_be_between`; the raw name for anything unknown. */
export function shortType(type: string): string {
  return SHORT[type] ?? type;
}

/** A compact JSON-ish rendering of a value, truncated to `max` characters. */
export function showValue(v: unknown, max = 80): string {
  let s: string;
  if (v === undefined) s = '—';
  else if (typeof v === 'number') s = Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v);
  else if (typeof v === 'string') s = JSON.stringify(v);
  else s = JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Kwargs without the column, as `min_value=18, max_value=100, mostly=0.95`. */
export function kwargsSummary(kwargs: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(kwargs)) {
    if (k === 'column' || v === undefined) continue;
    parts.push(`${k}=${showValue(v, 60)}`);
  }
  return parts.join(', ') || '—';
}

/** 0.97312 → "97.3 %"; null → "—". */
export function pct(fraction: number | null | undefined): string {
  return typeof fraction === 'number' && Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)} %` : '—';
}
