import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../data/table';
import { SEED_COLUMNS, seedSuite } from './seed-suite';
import { validateTable } from './validate-table';

/** A clean 40-row seed table, then dirt in known rows. */
function seedTable(dirty: boolean) {
  const n = 40;
  const cols: Record<string, unknown[]> = {};
  for (const c of SEED_COLUMNS) cols[c] = new Array(n);
  const genders = ['Male', 'Female', 'Other'];
  for (let i = 0; i < n; i++) {
    cols.customer_id[i] = `C${String(i).padStart(4, '0')}`;
    cols.signup_date[i] = new Date(Date.UTC(2020, 0, 1 + i));
    cols.age[i] = 18 + (i % 83);
    cols.gender[i] = genders[i % 3];
    cols.location[i] = i % 2 ? 'Urban' : 'Rural';
    cols.contract_type[i] = 'Monthly';
    cols.payment_method[i] = 'Card';
    cols.avg_data_usage[i] = i * 0.5;
    cols.avg_call_minutes[i] = i * 1.5;
    cols.usage_days[i] = i % 30;
    cols.avg_monthly_charges[i] = 20 + i;
    cols.late_payments[i] = i % 4;
    cols.tenure[i] = i % 121;
  }
  cols.tenure[0] = 0; // bounds are inclusive
  cols.age[1] = 100;
  cols.tenure[2] = null; // nullable
  cols.gender[3] = null; // nullable
  if (dirty) {
    cols.customer_id[5] = null;
    cols.customer_id[7] = 'C0008'; // duplicates row 8
    cols.age[10] = null;
    cols.age[11] = 17;
    cols.age[12] = 101;
    cols.tenure[13] = -1;
    cols.tenure[14] = 121;
    cols.gender[15] = 'female';
    cols.gender[16] = 'Unknown';
  }
  return tableFromColumns(cols);
}

describe('seed suite', () => {
  it('has the 13 seed columns in order and the documented checks', () => {
    expect(SEED_COLUMNS).toHaveLength(13);
    const s = seedSuite();
    expect(s.expectations[0].kwargs).toEqual({ column_list: [...SEED_COLUMNS] });
    expect(s.expectations.map((e) => `${e.expectation_type}:${'column' in e.kwargs ? e.kwargs.column : ''}`)).toEqual([
      'expect_table_columns_to_match_ordered_list:',
      'expect_column_values_to_not_be_null:customer_id',
      'expect_column_values_to_be_unique:customer_id',
      'expect_column_values_to_not_be_null:age',
      'expect_column_values_to_be_between:age',
      'expect_column_values_to_be_between:tenure',
      'expect_column_values_to_be_in_set:gender',
    ]);
  });

  it('passes a clean table', () => {
    const r = validateTable(seedTable(false), seedSuite());
    expect(r.success).toBe(true);
    expect(r.statistics).toEqual({ evaluated_expectations: 7, successful_expectations: 7, unsuccessful_expectations: 0, success_percent: 100 });
  });

  it('flags exactly the crafted bad rows', () => {
    const r = validateTable(seedTable(true), seedSuite());
    expect(r.success).toBe(false);
    const flagged = new Set<number>();
    for (const res of r.results) for (const i of res.result.partial_unexpected_index_list ?? []) flagged.add(i as number);
    expect([...flagged].sort((a, b) => a - b)).toEqual([5, 7, 8, 10, 11, 12, 13, 14, 15, 16]);
    const byIndex = r.results.map((x) => x.result.partial_unexpected_index_list ?? null);
    expect(byIndex).toEqual([null, [5], [7, 8], [10], [11, 12], [13, 14], [15, 16]]);
    expect(r.summary).toMatchObject({ evaluated: 7, successful: 1, failed_errors: 6, failed_warnings: 0 });
  });

  it('reports customer ids when idColumn is given', () => {
    const r = validateTable(seedTable(true), seedSuite(), { idColumn: 'customer_id' });
    expect(r.results[4].result.partial_unexpected_index_list).toEqual(['C0011', 'C0012']);
  });

  it('fails the column order check on a reordered table', () => {
    const t = seedTable(false);
    const names = [...SEED_COLUMNS].reverse();
    const r = validateTable({ numRows: () => t.numRows(), columnNames: () => names, array: (n) => t.array(n) }, seedSuite());
    expect(r.results[0].success).toBe(false);
    expect(r.summary.failed_errors).toBe(1);
  });
});
