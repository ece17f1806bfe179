import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../data/table';
import { profileColumn } from './profile-column';
import { suggestExpectations } from './suggest-expectations';
import { validateTable } from './validate-table';

const n = 200;
const t = tableFromColumns({
  customer_id: Array.from({ length: n }, (_, i) => `C${i}`),
  age: new Float64Array(Array.from({ length: n }, (_, i) => (i === 7 ? Number.NaN : 20 + (i % 61)))),
  gender: Array.from({ length: n }, (_, i) => ['Male', 'Female', 'Other'][i % 3]),
  charges: Array.from({ length: n }, (_, i) => 10.5 + i * 0.25),
  flag: Array.from({ length: n }, (_, i) => i % 2 === 0),
  notes: Array.from({ length: n }, (_, i) => (i < 150 ? null : `n${i}`)),
});

const byType = (col: string) => Object.fromEntries(suggestExpectations(t, col).map((e) => [e.expectation_type, e.kwargs]));

describe('profileColumn', () => {
  it('infers type, null rate, range and levels', () => {
    const p = profileColumn(t.array('age'), 'age');
    expect(p).toMatchObject({ rowCount: 200, nullCount: 1, inferredType: 'int', min: 20, max: 80, distinctCount: 61, levels: null });
    expect(p.nullRate).toBe(0.005);
    expect(profileColumn(t.array('gender'), 'gender').levels).toEqual(['Female', 'Male', 'Other']);
    expect(profileColumn([1, 'a', null], 'm').inferredType).toBe('mixed');
    expect(profileColumn([null], 'e').inferredType).toBe('empty');
  });
});

describe('suggestExpectations', () => {
  it('id-like column: not null, unique, str, no in_set', () => {
    expect(byType('customer_id')).toEqual({
      expect_column_values_to_be_of_type: { column: 'customer_id', type_: 'str' },
      expect_column_values_to_not_be_null: { column: 'customer_id' },
      expect_column_values_to_be_unique: { column: 'customer_id' },
    });
  });

  it('integer column with nulls: mostly rounded down, range widened by 10 % of span, floor/ceil', () => {
    const s = byType('age');
    expect(s.expect_column_values_to_not_be_null).toEqual({ column: 'age', mostly: 0.99 });
    expect(s.expect_column_values_to_be_between).toEqual({ column: 'age', min_value: 14, max_value: 86 });
    expect(s.expect_column_values_to_be_of_type).toEqual({ column: 'age', type_: 'int' });
  });

  it('float range is not floored; non-negative data stays non-negative', () => {
    const s = byType('charges');
    const b = s.expect_column_values_to_be_between as { min_value: number; max_value: number };
    expect(b.min_value).toBeCloseTo(10.5 - 4.975, 10);
    expect(b.max_value).toBeCloseTo(60.25 + 4.975, 10);
    const z = suggestExpectations(profileColumn([0, 10, 5], 'late_payments'));
    expect(z.find((e) => e.expectation_type === 'expect_column_values_to_be_between')?.kwargs).toEqual({ column: 'late_payments', min_value: 0, max_value: 11 });
  });

  it('categoricals get in_set; booleans too; mostly-null text gets mostly 0.25', () => {
    expect(byType('gender').expect_column_values_to_be_in_set).toEqual({ column: 'gender', value_set: ['Female', 'Male', 'Other'] });
    expect(byType('flag').expect_column_values_to_be_in_set).toEqual({ column: 'flag', value_set: [false, true] });
    expect(byType('notes').expect_column_values_to_not_be_null).toEqual({ column: 'notes', mostly: 0.25 });
  });

  it('suggestions pass on the data they were drawn from', () => {
    for (const col of t.columnNames()) {
      const r = validateTable(t, { name: col, expectations: suggestExpectations(t, col) });
      expect(r.success, col).toBe(true);
    }
  });

  it('throws RangeError for an unknown column', () => {
    expect(() => suggestExpectations(t, 'nope')).toThrow(RangeError);
  });
});
