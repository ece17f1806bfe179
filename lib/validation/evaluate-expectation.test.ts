import { describe, expect, it } from 'vitest';
import { from } from 'arquero';
import { tableFromColumns, type TableLike } from '../data/table';
import type { ExpectationInput } from './expectation-schema';
import type { ExpectationResult } from './expectation-result';
import { validateTable } from './validate-table';

function run(table: TableLike, e: ExpectationInput, idColumn?: string): ExpectationResult {
  const report = validateTable(table, { name: 't', expectations: [e] }, { idColumn });
  return report.results[0];
}

// 10 rows: x has 2 nulls (null and NaN) and 8 present values 1..8.
const t = tableFromColumns({
  id: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
  x: [1, 2, null, 3, 4, 5, Number.NaN, 6, 7, 8],
  s: ['Male', 'Female', 'Other', 'Male', null, 'male', 'Female', 'X', 'Other', 'Male'],
  k: new Int32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 9]),
  f: new Float64Array([0.5, 1.5, Number.NaN, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5]),
  mixed: [1, 2.5, 'three', true, new Date('2024-01-01T00:00:00Z'), null, 7n, 8, 9, 10],
});

describe('table expectations', () => {
  it('ordered list: pass, fail with mismatch details', () => {
    expect(run(t, { expectation_type: 'expect_table_columns_to_match_ordered_list', kwargs: { column_list: ['id', 'x', 's', 'k', 'f', 'mixed'] } }).success).toBe(true);
    const r = run(t, { expectation_type: 'expect_table_columns_to_match_ordered_list', kwargs: { column_list: ['id', 's', 'x', 'k', 'f', 'mixed'] } });
    expect(r.success).toBe(false);
    expect(r.result.details?.mismatched).toEqual([
      { expected_index: 1, Expected: 's', Found: 'x' },
      { expected_index: 2, Expected: 'x', Found: 's' },
    ]);
  });

  it('column set: exact and subset', () => {
    const set = ['mixed', 'f', 'k', 's', 'x', 'id'];
    expect(run(t, { expectation_type: 'expect_table_columns_to_match_set', kwargs: { column_set: set } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_table_columns_to_match_set', kwargs: { column_set: ['x', 'id'] } }).success).toBe(false);
    expect(run(t, { expectation_type: 'expect_table_columns_to_match_set', kwargs: { column_set: ['x', 'id'], exact_match: false } }).success).toBe(true);
    const r = run(t, { expectation_type: 'expect_table_columns_to_match_set', kwargs: { column_set: ['x', 'nope'], exact_match: false } });
    expect(r.success).toBe(false);
    expect(r.result.details?.mismatched).toEqual({ missing: ['nope'], unexpected: ['id', 's', 'k', 'f', 'mixed'] });
  });

  it('row count between, inclusive and strict', () => {
    expect(run(t, { expectation_type: 'expect_table_row_count_to_be_between', kwargs: { min_value: 10, max_value: 10 } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_table_row_count_to_be_between', kwargs: { min_value: 10, strict_min: true } }).success).toBe(false);
    expect(run(t, { expectation_type: 'expect_table_row_count_to_be_between', kwargs: { max_value: 9 } }).result.observed_value).toBe(10);
  });

  it('column to exist, with index', () => {
    expect(run(t, { expectation_type: 'expect_column_to_exist', kwargs: { column: 's' } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_to_exist', kwargs: { column: 's', column_index: 2 } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_to_exist', kwargs: { column: 's', column_index: 0 } }).success).toBe(false);
    const r = run(t, { expectation_type: 'expect_column_to_exist', kwargs: { column: 'nope' } });
    expect(r.success).toBe(false);
    expect(r.exception_info.raised_exception).toBe(false);
  });
});

describe('null expectations', () => {
  it('not_be_null counts null and NaN against all rows', () => {
    const r = run(t, { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'x' } }, 'id');
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ element_count: 10, unexpected_count: 2, unexpected_percent: 20, unexpected_percent_total: 20 });
    expect(r.result.partial_unexpected_index_list).toEqual(['c', 'g']);
    expect(r.result.partial_unexpected_list).toEqual([null, null]);
  });

  it('not_be_null mostly boundary: exactly 0.8 passes, 0.81 fails', () => {
    expect(run(t, { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'x', mostly: 0.8 } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'x', mostly: 0.81 } }).success).toBe(false);
    expect(run(t, { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'id' } }).success).toBe(true);
  });

  it('be_null: present values are unexpected', () => {
    const r = run(t, { expectation_type: 'expect_column_values_to_be_null', kwargs: { column: 'x' } });
    expect(r.success).toBe(false);
    expect(r.result.unexpected_count).toBe(8);
    expect(run(t, { expectation_type: 'expect_column_values_to_be_null', kwargs: { column: 'x', mostly: 0.2 } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_values_to_be_null', kwargs: { column: 'x', mostly: 0.21 } }).success).toBe(false);
    const allNull = tableFromColumns({ v: [null, undefined, Number.NaN] });
    expect(run(allNull, { expectation_type: 'expect_column_values_to_be_null', kwargs: { column: 'v' } })).toMatchObject({ success: true, result: { unexpected_count: 0 } });
  });
});

describe('column map expectations', () => {
  it('between: nulls excluded from the percent, mostly boundary', () => {
    // x present = 1..8; [2, 7] leaves 1 and 8 unexpected → 6/8 = 0.75
    const e = (mostly?: number): ExpectationInput => ({
      expectation_type: 'expect_column_values_to_be_between',
      kwargs: { column: 'x', min_value: 2, max_value: 7, mostly },
    });
    const r = run(t, e());
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ element_count: 10, missing_count: 2, unexpected_count: 2, unexpected_percent: 25, unexpected_percent_total: 20 });
    expect(r.result.partial_unexpected_list).toEqual([1, 8]);
    expect(r.result.partial_unexpected_index_list).toEqual([0, 9]);
    expect(run(t, e(0.75)).success).toBe(true);
    expect(run(t, e(0.76)).success).toBe(false);
  });

  it('between: strict bounds, one-sided, typed arrays', () => {
    const strict: ExpectationInput = { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'x', min_value: 1, max_value: 8, strict_min: true, strict_max: true } };
    expect(run(t, strict).result.unexpected_count).toBe(2);
    expect(run(t, { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'k', min_value: 9 } }).result.unexpected_count).toBe(8);
    const f = run(t, { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'f', max_value: 5 } });
    expect(f.result).toMatchObject({ missing_count: 1, unexpected_count: 4 });
  });

  it('between: non-numeric values are unexpected, bigint compares as number', () => {
    const r = run(t, { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'mixed', min_value: 0, max_value: 100 } });
    expect(r.result.unexpected_count).toBe(3); // 'three', true, Date
    expect(r.result.missing_count).toBe(1);
  });

  it('unique flags every occurrence of a repeat (GX keep=False); typed and plain', () => {
    const r = run(t, { expectation_type: 'expect_column_values_to_be_unique', kwargs: { column: 'k' } });
    expect(r.result).toMatchObject({ unexpected_count: 2, partial_unexpected_index_list: [8, 9] });
    const s = run(t, { expectation_type: 'expect_column_values_to_be_unique', kwargs: { column: 's' } }, 'id');
    expect(s.result.unexpected_count).toBe(7); // Male×3, Female×2, Other×2; null excluded
    expect(s.result.partial_unexpected_counts?.[0]).toEqual({ value: 'Male', count: 3 });
    expect(run(t, { expectation_type: 'expect_column_values_to_be_unique', kwargs: { column: 'x' } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_values_to_be_unique', kwargs: { column: 'k', mostly: 0.8 } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_values_to_be_unique', kwargs: { column: 'k', mostly: 0.81 } }).success).toBe(false);
  });

  it('in_set / not_in_set: case-sensitive, nulls excluded, mostly boundary', () => {
    const inSet = (mostly?: number): ExpectationInput => ({
      expectation_type: 'expect_column_values_to_be_in_set',
      kwargs: { column: 's', value_set: ['Male', 'Female', 'Other'], mostly },
    });
    const r = run(t, inSet(), 'id');
    expect(r.result).toMatchObject({ missing_count: 1, unexpected_count: 2, partial_unexpected_list: ['male', 'X'], partial_unexpected_index_list: ['f', 'h'] });
    expect(r.result.unexpected_percent).toBeCloseTo((100 * 2) / 9, 10);
    expect(run(t, inSet(7 / 9)).success).toBe(true);
    expect(run(t, inSet(0.78)).success).toBe(false);
    const not = run(t, { expectation_type: 'expect_column_values_to_not_be_in_set', kwargs: { column: 's', value_set: ['X', 'male'] } });
    expect(not.result.unexpected_count).toBe(2);
    expect(not.success).toBe(false);
    expect(run(t, { expectation_type: 'expect_column_values_to_not_be_in_set', kwargs: { column: 's', value_set: ['X', 'male'], mostly: 7 / 9 } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_values_to_not_be_in_set', kwargs: { column: 's', value_set: ['Unknown'] } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_values_to_be_in_set', kwargs: { column: 'k', value_set: [1, 2, 3, 4, 5, 6, 7, 8, 9] } }).success).toBe(true);
  });

  it('match_regex: search semantics, non-strings as text', () => {
    const r = run(t, { expectation_type: 'expect_column_values_to_match_regex', kwargs: { column: 's', regex: '^(Male|Female|Other)$' } });
    expect(r.result.unexpected_count).toBe(2);
    expect(run(t, { expectation_type: 'expect_column_values_to_match_regex', kwargs: { column: 's', regex: 'al' } }).result.unexpected_count).toBe(3);
    expect(run(t, { expectation_type: 'expect_column_values_to_match_regex', kwargs: { column: 'k', regex: '^\\d$' } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_values_to_match_regex', kwargs: { column: 's', regex: '^(?P<g>Male|Female|Other)$', mostly: 7 / 9 } }).success).toBe(true);
  });

  it('of_type: GX names mapped to JS checks', () => {
    const ty = (column: string, type_: string) => run(t, { expectation_type: 'expect_column_values_to_be_of_type', kwargs: { column, type_ } });
    expect(ty('k', 'int64').success).toBe(true);
    expect(ty('x', 'int').success).toBe(true);
    expect(ty('f', 'int').result.unexpected_count).toBe(9);
    expect(ty('f', 'float64').success).toBe(true);
    expect(ty('s', 'str').success).toBe(true);
    expect(ty('id', 'string').success).toBe(true);
    const m = ty('mixed', 'int');
    expect(m.result).toMatchObject({ unexpected_count: 4, missing_count: 1 }); // 2.5, 'three', true, Date
    expect(ty('mixed', 'object').success).toBe(true);
    const d = tableFromColumns({ d: [new Date(0), new Date('x'), '2024-01-01', null] });
    expect(run(d, { expectation_type: 'expect_column_values_to_be_of_type', kwargs: { column: 'd', type_: 'datetime64[ns]' } }).result.unexpected_count).toBe(2);
    const b = tableFromColumns({ b: [true, false, 1] });
    expect(run(b, { expectation_type: 'expect_column_values_to_be_of_type', kwargs: { column: 'b', type_: 'bool', mostly: 2 / 3 } }).success).toBe(true);
  });

  it('an all-null column passes map expectations vacuously (GX)', () => {
    const n = tableFromColumns({ v: [null, null] });
    const r = run(n, { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'v', min_value: 0 } });
    expect(r.success).toBe(true);
    expect(r.result.unexpected_percent).toBeNull();
  });
});

describe('aggregate expectations', () => {
  it('mean / median / stdev ignore nulls', () => {
    // x present 1..8: mean 4.5, median 4.5, sample stdev sqrt(6)
    const agg = (type: 'expect_column_mean_to_be_between' | 'expect_column_median_to_be_between' | 'expect_column_stdev_to_be_between', min: number, max: number) =>
      run(t, { expectation_type: type, kwargs: { column: 'x', min_value: min, max_value: max } });
    expect(agg('expect_column_mean_to_be_between', 4.5, 4.5)).toMatchObject({ success: true, result: { observed_value: 4.5 } });
    expect(agg('expect_column_mean_to_be_between', 4.6, 5).success).toBe(false);
    expect(agg('expect_column_median_to_be_between', 4.5, 4.5).success).toBe(true);
    expect(agg('expect_column_median_to_be_between', 0, 4).success).toBe(false);
    const sd = agg('expect_column_stdev_to_be_between', 2.44, 2.45);
    expect(sd.success).toBe(true);
    expect(sd.result.observed_value).toBeCloseTo(Math.sqrt(6), 12);
    expect(agg('expect_column_stdev_to_be_between', 0, 2).success).toBe(false);
    expect(run(t, { expectation_type: 'expect_column_median_to_be_between', kwargs: { column: 'k', min_value: 5.5, max_value: 5.5 } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_mean_to_be_between', kwargs: { column: 'x', min_value: 4.5, strict_min: true } }).success).toBe(false);
  });

  it('statistics of non-numeric or empty columns fail with a message', () => {
    const r = run(t, { expectation_type: 'expect_column_mean_to_be_between', kwargs: { column: 's', min_value: 0 } });
    expect(r.success).toBe(false);
    expect(r.exception_info.exception_message).toMatch(/non-numeric/);
    const one = tableFromColumns({ v: [3, null] });
    const sd = run(one, { expectation_type: 'expect_column_stdev_to_be_between', kwargs: { column: 'v', min_value: 0 } });
    expect(sd).toMatchObject({ success: false, result: { observed_value: null } });
  });

  it('distinct values in set', () => {
    const ok = run(t, { expectation_type: 'expect_column_distinct_values_to_be_in_set', kwargs: { column: 's', value_set: ['Male', 'Female', 'Other', 'male', 'X', 'Unused'] } });
    expect(ok.success).toBe(true);
    expect(ok.result.observed_value).toEqual(['Female', 'Male', 'Other', 'X', 'male']);
    const bad = run(t, { expectation_type: 'expect_column_distinct_values_to_be_in_set', kwargs: { column: 's', value_set: ['Male', 'Female', 'Other'] } });
    expect(bad.success).toBe(false);
    expect(bad.result.details?.unexpected_values).toEqual(['X', 'male']);
  });

  it('proportion of unique values', () => {
    // s: 9 present, 5 distinct
    const r = run(t, { expectation_type: 'expect_column_proportion_of_unique_values_to_be_between', kwargs: { column: 's', min_value: 5 / 9, max_value: 5 / 9 } });
    expect(r.success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_proportion_of_unique_values_to_be_between', kwargs: { column: 'id', min_value: 1 } }).success).toBe(true);
    expect(run(t, { expectation_type: 'expect_column_proportion_of_unique_values_to_be_between', kwargs: { column: 'k', min_value: 1 } }).success).toBe(false);
  });
});

describe('missing columns and table types', () => {
  it('a column expectation on a missing column fails with exception_info, no crash', () => {
    for (const e of [
      { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'nope' } },
      { expectation_type: 'expect_column_mean_to_be_between', kwargs: { column: 'nope', min_value: 0 } },
      { expectation_type: 'expect_column_distinct_values_to_be_in_set', kwargs: { column: 'nope', value_set: [] } },
    ] as ExpectationInput[]) {
      const r = run(t, e);
      expect(r.success).toBe(false);
      expect(r.exception_info.raised_exception).toBe(true);
      expect(r.exception_info.exception_message).toMatch(/column "nope" does not exist/);
    }
  });

  it('an arquero ColumnTable gives the same result as plain columns', () => {
    const aq = from([{ a: 1, b: 'x' }, { a: 200, b: null }, { a: null, b: 'y' }]);
    const r = run(aq, { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'a', min_value: 0, max_value: 100 } });
    expect(r.result).toMatchObject({ element_count: 3, missing_count: 1, unexpected_count: 1, partial_unexpected_list: [200] });
  });
});
