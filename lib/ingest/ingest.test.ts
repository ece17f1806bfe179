import { describe, expect, it } from 'vitest';
import { buildExtractQueries, quoteIdentifier } from './extract-queries';
import { mergeExtracts } from './merge';
import { addDays, resolveWindow } from './window';

describe('resolveWindow', () => {
  it('resolves relative windows ending on end, inclusive', () => {
    expect(resolveWindow({ last: '30d', end: '2026-09-30' })).toEqual({ start: '2026-09-01', end: '2026-09-30' });
    expect(resolveWindow({ last: '1w', end: '2026-03-07' })).toEqual({ start: '2026-03-01', end: '2026-03-07' });
    expect(resolveWindow({ last: '1m', end: '2026-03-31' })).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(resolveWindow({ last: '1m', end: '2026-03-15' })).toEqual({ start: '2026-02-16', end: '2026-03-15' });
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
  it('rejects bad input', () => {
    expect(() => resolveWindow({ last: '30x', end: '2026-09-30' })).toThrow(RangeError);
    expect(() => resolveWindow({ start: '2026-02-30', end: '2026-03-01' })).toThrow(RangeError);
    expect(() => resolveWindow({ start: '2026-03-02', end: '2026-03-01' })).toThrow(/after end/);
  });
});

describe('buildExtractQueries', () => {
  const w = { start: '2026-08-01', end: '2026-08-31' };
  it('binds every value as a parameter, with dialect placeholders', () => {
    const lite = buildExtractQueries('sqlite', w);
    const pg = buildExtractQueries('postgres', w, { schema: 'src' });
    for (const q of [lite.customers, lite.usage, lite.billing, pg.customers, pg.usage, pg.billing]) {
      expect(q.sql).not.toMatch(/2026-|'late'|'failed'/);
    }
    expect(lite.customers.params).toEqual(['2026-08-31', '2026-09-30', '2026-08-31', '2026-08-01']);
    expect(lite.customers.sql.split('?').length - 1).toBe(4);
    expect(pg.customers.sql).toContain('$4::date');
    expect(pg.billing.params).toEqual(['late', 'failed', '2026-08-01', '2026-08-31']);
    expect(pg.usage.sql).toContain('"src"."usage_logs"');
  });
  it('validates identifiers and options', () => {
    expect(() => quoteIdentifier('Src')).toThrow(RangeError);
    expect(() => buildExtractQueries('postgres', w, { schema: 'a;b' })).toThrow(RangeError);
    expect(() => buildExtractQueries('sqlite', w, { horizonDays: 0 })).toThrow(RangeError);
  });
});

describe('mergeExtracts', () => {
  it('left-joins by id, keeps duplicates and fills NaN where aggregates are missing', () => {
    const t = mergeExtracts(
      [
        ['A', '2025-01-01', 30, 'Male', 'Chicago', 'One year', 'Credit card', 0],
        ['B', '2025-02-01', null, 'Female', 'Dallas', 'Two year', 'Mailed check', 1],
        ['B', '2025-02-01', null, 'Female', 'Dallas', 'Two year', 'Mailed check', 1],
      ],
      [['B', 1.5, null, 3], ['Z', 1, 1, 1]],
      [['A', 50, 2, 12, 1]],
    );
    expect(t.numRows()).toBe(3);
    expect(Array.from(t.columns.avg_data_usage)).toEqual([NaN, 1.5, 1.5]);
    expect(Array.from(t.columns.avg_call_minutes)).toEqual([NaN, NaN, NaN]);
    expect(Array.from(t.columns.usage_days)).toEqual([NaN, 3, 3]);
    expect(Array.from(t.columns.late_payments)).toEqual([2, NaN, NaN]);
    expect(Array.from(t.columns.age)).toEqual([30, NaN, NaN]);
    expect(Array.from(t.columns.churned)).toEqual([0, 1, 1]);
    expect(t.array('customer_id')).toEqual(['A', 'B', 'B']);
  });
});
