import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../data/table';
import type { ExpectationInput } from './expectation-schema';
import { passRate } from './pass-rate';
import { SuiteValidationError } from './suite-validation-error';
import { validateTable } from './validate-table';

const t = tableFromColumns({ id: [10, 11, 12, 13], v: [1, 2, 3, 40], g: ['a', 'b', 'a', 'z'] });
const between: ExpectationInput = { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'v', max_value: 10 } };
const inSet: ExpectationInput = { expectation_type: 'expect_column_values_to_be_in_set', kwargs: { column: 'g', value_set: ['a', 'b'] } };

describe('validateTable', () => {
  it('warnings do not block; statistics as GX', () => {
    const r = validateTable(t, { name: 's', version: 2, expectations: [{ ...between, severity: 'warning' }, inSet, { ...inSet, enabled: false }] });
    expect(r.success).toBe(false);
    expect(r.summary).toEqual({ evaluated: 2, successful: 0, failed_errors: 1, failed_warnings: 1, disabled: 1 });
    expect(r.statistics).toEqual({ evaluated_expectations: 2, successful_expectations: 0, unsuccessful_expectations: 2, success_percent: 0 });
    expect(r.meta).toEqual({ suite_name: 's', suite_version: 2, row_count: 4, column_count: 3, id_column: null });
    const onlyWarn = validateTable(t, { name: 's', expectations: [{ ...between, severity: 'warning' }] });
    expect(onlyWarn.success).toBe(true);
    expect(onlyWarn.results[0].severity).toBe('warning');
  });

  it('an empty suite succeeds with success_percent null', () => {
    const r = validateTable(t, { name: 'empty', expectations: [] });
    expect(r.success).toBe(true);
    expect(r.statistics.success_percent).toBeNull();
  });

  it('caps unexpected lists at maxUnexpected and uses idColumn values', () => {
    const big = tableFromColumns({ id: Array.from({ length: 100 }, (_, i) => `r${i}`), v: Array.from({ length: 100 }, (_, i) => i) });
    const r = validateTable(big, { name: 's', expectations: [{ expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'v', max_value: 9 } }] }, { idColumn: 'id' });
    expect(r.results[0].result.unexpected_count).toBe(90);
    expect(r.results[0].result.partial_unexpected_index_list).toHaveLength(20);
    expect(r.results[0].result.partial_unexpected_index_list?.[0]).toBe('r10');
    const r5 = validateTable(big, { name: 's', expectations: [{ expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'v', max_value: 9 } }] }, { maxUnexpected: 5 });
    expect(r5.results[0].result.partial_unexpected_list).toEqual([10, 11, 12, 13, 14]);
  });

  it('throws for bad options and malformed suites', () => {
    expect(() => validateTable(t, { name: 's', expectations: [] }, { idColumn: 'nope' })).toThrow(RangeError);
    expect(() => validateTable(t, { name: 's', expectations: [] }, { maxUnexpected: -1 })).toThrow(RangeError);
    expect(() => validateTable(t, { name: 's', expectations: [{ expectation_type: 'nope', kwargs: {} }] } as never)).toThrow(SuiteValidationError);
  });

  it('report is JSON-serialisable (bigint ids become numbers)', () => {
    const b = tableFromColumns({ id: new BigInt64Array([1n, 2n]), v: [1, 99] });
    const r = validateTable(b, { name: 's', expectations: [between] }, { idColumn: 'id' });
    expect(JSON.parse(JSON.stringify(r)).results[0].result.partial_unexpected_index_list).toEqual([2]);
  });
});

describe('passRate', () => {
  it('gives the fraction of evaluated cells that pass', () => {
    expect(passRate(t, between)).toMatchObject({ rate: 0.75, success: false });
    expect(passRate(t, { ...between, kwargs: { column: 'v', max_value: 10, mostly: 0.75 } })).toMatchObject({ rate: 0.75, success: true });
    expect(passRate(t, { expectation_type: 'expect_table_row_count_to_be_between', kwargs: { min_value: 1 } })).toMatchObject({ rate: 1, success: true });
    expect(passRate(t, { expectation_type: 'expect_column_values_to_be_unique', kwargs: { column: 'nope' } })).toMatchObject({ rate: null, success: false });
    const nulls = tableFromColumns({ v: [1, null, null, null] });
    expect(passRate(nulls, { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'v' } }).rate).toBe(0.25);
  });

  it('throws SuiteValidationError for a malformed draft', () => {
    expect(() => passRate(t, { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'v' } })).toThrow(SuiteValidationError);
  });
});

describe('arquero tables', () => {
  it('filtered and ordered arquero tables are read in their visible row order', async () => {
    const aq = await import('arquero');
    const base = aq.table({ id: ['a', 'b', 'c', 'd'], v: new Float64Array([5, 50, 7, 70]) });
    const e: ExpectationInput = { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'v', max_value: 10 } };
    const direct = validateTable(base, { name: 's', expectations: [e] }, { idColumn: 'id' }).results[0].result;
    expect(direct.partial_unexpected_index_list).toEqual(['b', 'd']);
    const filtered = base.filter((d: { v: number }) => d.v > 6);
    const rf = validateTable(filtered, { name: 's', expectations: [e] }, { idColumn: 'id' }).results[0].result;
    expect(rf).toMatchObject({ element_count: 3, partial_unexpected_index_list: ['b', 'd'], partial_unexpected_list: [50, 70] });
    const ordered = base.orderby(aq.desc('v'));
    const ro = validateTable(ordered, { name: 's', expectations: [e] }, { idColumn: 'id' }).results[0].result;
    expect(ro.partial_unexpected_index_list).toEqual(['d', 'b']);
  });
});
