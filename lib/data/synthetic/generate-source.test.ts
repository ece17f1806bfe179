import { beforeAll, describe, expect, it } from 'vitest';
import { MONTHLY_CHURN_RATE_BAND } from './churn-model';
import { DIRTY_KINDS } from './dirty-report';
import { createSourceGenerator, generateSource, generateSourceInMemory, type SourceSummary } from './generate-source';
import type { SourceChunk } from './simulate-customer';
import { resolveSourceOptions } from './source-options';
import { GENDERS, SOURCE_TABLES, VALID_AGE_RANGE, type SourceTable } from './source-schema';

type Source = SourceChunk & { summary: SourceSummary };

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function checkColumns(table: SourceTable, rows: readonly (readonly unknown[])[]): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    if (row.length !== table.columns.length) problems.push(`${table.name}: row width ${row.length}`);
    table.columns.forEach((col, k) => {
      const v = row[k];
      if (v === null) {
        if (!col.nullable) problems.push(`${table.name}.${col.name} null`);
        return;
      }
      const ok =
        col.type === 'TEXT'
          ? typeof v === 'string'
          : col.type === 'DATE'
            ? typeof v === 'string' && ISO.test(v)
            : col.type === 'INTEGER'
              ? Number.isInteger(v)
              : typeof v === 'number' && Number.isFinite(v);
      if (!ok) problems.push(`${table.name}.${col.name} = ${JSON.stringify(v)}`);
    });
    if (problems.length > 5) break;
  }
  return problems;
}

function groupBy<T extends readonly unknown[]>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const id = r[0] as string;
    const list = m.get(id);
    if (list) list.push(r);
    else m.set(id, [r]);
  }
  return m;
}

describe('generateSource', () => {
  let src: Source;
  beforeAll(() => {
    src = generateSourceInMemory({ seed: 42, customers: 3000 });
  });

  it('is deterministic per seed, independent of chunk size and customer count', () => {
    const a = generateSourceInMemory({ seed: 7, customers: 200, months: 6 });
    const b = generateSourceInMemory({ seed: 7, customers: 200, months: 6 });
    const c = generateSourceInMemory({ seed: 8, customers: 200, months: 6 });
    expect(b).toEqual(a);
    expect(c.usage).not.toEqual(a.usage);
    expect(c.customers).not.toEqual(a.customers);

    const chunked: SourceChunk = { customers: [], usage: [], billing: [], churn: [] };
    generateSource(
      { seed: 7, customers: 200, months: 6 },
      {
        customers: (r) => chunked.customers.push(...r),
        usage: (r) => chunked.usage.push(...r),
        billing: (r) => chunked.billing.push(...r),
        churn: (r) => chunked.churn.push(...r),
      },
      17,
    );
    expect(chunked.usage).toEqual(a.usage);
    expect(chunked.customers).toEqual(a.customers);

    // Each customer has its own stream: the first 50 customers do not change when more are generated.
    const small = generateSourceInMemory({ seed: 7, customers: 50, months: 6 });
    expect(a.billing.filter((r) => r[0] <= 'C0000050')).toEqual(small.billing);
  });

  it('emits rows matching the table schemas', () => {
    const [customers, usage, billing, churn] = SOURCE_TABLES;
    expect(customers.columns.map((c) => c.name)).toEqual([
      'customer_id', 'signup_date', 'age', 'gender', 'location', 'contract_type', 'payment_method',
    ]);
    expect(checkColumns(customers, src.customers)).toEqual([]);
    expect(checkColumns(usage, src.usage)).toEqual([]);
    expect(checkColumns(billing, src.billing)).toEqual([]);
    expect(checkColumns(churn, src.churn)).toEqual([]);
    expect(new Set(src.customers.map((r) => r[5]))).toEqual(new Set(['Month-to-month', 'One year', 'Two year']));
    expect(new Set(src.billing.map((r) => r[3]))).toEqual(new Set(['paid', 'late', 'failed']));
    expect(new Set(src.customers.map((r) => r[4])).size).toBe(10);
    expect(src.summary.counts).toEqual({
      customers: src.customers.length,
      usage_logs: src.usage.length,
      billing: src.billing.length,
      churn_events: src.churn.length,
    });
  });

  it('spreads tenure from 0 to 72+ months and keeps billing monthly with increasing tenure', () => {
    const tenures = src.billing.map((r) => r[4]);
    expect(Math.min(...tenures)).toBe(0);
    expect(Math.max(...tenures)).toBeGreaterThanOrEqual(72);
    let bad = 0;
    for (const rows of groupBy(src.billing).values()) {
      for (let i = 1; i < rows.length; i++) if (rows[i][4] !== rows[i - 1][4] + 1 || rows[i][1] <= rows[i - 1][1]) bad++;
    }
    expect(bad).toBe(0);
  });

  it('has no usage or billing on or after the churn date, nor before signup', () => {
    const signup = new Map(src.customers.map((r) => [r[0], r[1]]));
    const churnDate = new Map(src.churn.map((r) => [r[0], r[1]]));
    expect(churnDate.size).toBe(src.churn.length);
    let violations = 0;
    for (const r of src.usage) {
      const c = churnDate.get(r[0]);
      if ((c !== undefined && r[1] >= c) || r[1] < signup.get(r[0])!) violations++;
    }
    for (const r of src.billing) {
      const c = churnDate.get(r[0]);
      if ((c !== undefined && r[1] >= c) || r[1] < signup.get(r[0])!) violations++;
    }
    for (const [id, c] of churnDate) if (c <= signup.get(id)!) violations++;
    expect(violations).toBe(0);
  });

  it('lands the monthly churn rate inside MONTHLY_CHURN_RATE_BAND', () => {
    const { churn } = src.summary;
    expect(churn.churners).toBe(src.churn.length);
    expect(churn.monthlyRate).toBeGreaterThanOrEqual(MONTHLY_CHURN_RATE_BAND.min);
    expect(churn.monthlyRate).toBeLessThanOrEqual(MONTHLY_CHURN_RATE_BAND.max);
  });

  it('makes churn learnable: contract, late payments and falling usage separate churners', () => {
    const by = src.summary.churn.byContract;
    expect(by['Month-to-month'].monthlyRate).toBeGreaterThan(3 * by['Two year'].monthlyRate);
    expect(by['One year'].monthlyRate).toBeGreaterThan(by['Two year'].monthlyRate);

    // Late/failed share of churners' last three bills vs all bills of customers who stayed.
    const churned = new Set(src.churn.map((r) => r[0]));
    const notPaid = (rows: readonly (typeof src.billing)[number][]) => rows.filter((r) => r[3] !== 'paid').length / rows.length;
    const bills = groupBy(src.billing);
    const lastBillsOfChurners = [...churned].flatMap((id) => (bills.get(id) ?? []).slice(-3));
    const billsOfStayers = src.billing.filter((r) => !churned.has(r[0]));
    expect(notPaid(lastBillsOfChurners)).toBeGreaterThan(1.6 * notPaid(billsOfStayers));

    // Usage in the last 30 days before churn vs days 61–150 before it, pooled over churners.
    const churnDay = new Map(src.churn.map((r) => [r[0], Date.parse(r[1]) / 86_400_000]));
    let recent = 0;
    let recentN = 0;
    let earlier = 0;
    let earlierN = 0;
    for (const r of src.usage) {
      const c = churnDay.get(r[0]);
      if (c === undefined || r[2] === null) continue;
      const before = c - Date.parse(r[1]) / 86_400_000;
      if (before <= 30) {
        recent += r[2];
        recentN++;
      } else if (before > 60 && before <= 150) {
        earlier += r[2];
        earlierN++;
      }
    }
    expect(recent / recentN).toBeLessThan(0.85 * (earlier / earlierN));
  });

  it('reports exactly the dirt present in the data', () => {
    const d = src.summary.dirty;
    const ids = (rows: readonly (readonly unknown[])[]) => [...new Set(rows.map((r) => r[0] as string))];
    const ageNull = src.customers.filter((r) => r[2] === null);
    const ageOut = src.customers.filter((r) => r[2] !== null && (r[2] < VALID_AGE_RANGE.min || r[2] > VALID_AGE_RANGE.max));
    const genderBad = src.customers.filter((r) => !(GENDERS as readonly string[]).includes(r[3]));
    const chargesNull = src.billing.filter((r) => r[2] === null);
    const usageNull = src.usage.filter((r) => r[2] === null);
    const seen = new Set<string>();
    const dups: (typeof src.customers)[number][] = [];
    for (const r of src.customers) {
      const key = JSON.stringify(r);
      if (seen.has(key)) dups.push(r);
      seen.add(key);
    }
    const actual = {
      ageNull: [ageNull.length, ids(ageNull)],
      ageOutOfRange: [ageOut.length, ids(ageOut)],
      genderUnknown: [genderBad.length, ids(genderBad)],
      duplicateCustomerRows: [dups.length, ids(dups)],
      monthlyChargesNull: [chargesNull.length, ids(chargesNull)],
      dataUsageNull: [usageNull.length, ids(usageNull)],
    };
    for (const kind of DIRTY_KINDS) {
      expect([d[kind].rows, d[kind].customerIds], kind).toEqual(actual[kind]);
      expect(d[kind].rows, `${kind} is present`).toBeGreaterThan(0);
    }
    // Rates near the defaults (3000 customers: loose bounds).
    const distinct = new Set(src.customers.map((r) => r[0])).size;
    expect(distinct).toBe(3000);
    expect(d.ageNull.customerIds.length / distinct).toBeGreaterThan(0.01);
    expect(d.ageNull.customerIds.length / distinct).toBeLessThan(0.03);
    expect(d.duplicateCustomerRows.rows).toBe(src.customers.length - distinct);
  });

  it('emits no dirt when all dirty rates are 0', () => {
    const clean = generateSourceInMemory({
      customers: 300,
      months: 3,
      dirty: { ageNull: 0, ageOutOfRange: 0, genderUnknown: 0, duplicateCustomer: 0, chargesNull: 0, usageGap: 0 },
    });
    for (const kind of DIRTY_KINDS) expect(clean.summary.dirty[kind].rows).toBe(0);
    expect(clean.customers.every((r) => r[2] !== null && r[2] >= 18 && r[2] <= 100)).toBe(true);
  });

  it('validates options and the generator protocol', () => {
    expect(() => resolveSourceOptions({ customers: 0 })).toThrow(/customers/);
    expect(() => resolveSourceOptions({ months: 1.5 })).toThrow(/months/);
    expect(() => resolveSourceOptions({ endDate: '2026-13-01' })).toThrow(RangeError);
    expect(() => resolveSourceOptions({ dirty: { ageNull: 2 } })).toThrow(/dirty.ageNull/);
    const gen = createSourceGenerator({ customers: 5, months: 1 });
    expect(() => gen.summary()).toThrow(/exhausted/);
    [...gen.chunks()];
    expect(gen.summary().counts.customers).toBeGreaterThanOrEqual(5);
    expect(() => [...gen.chunks()]).toThrow(/once/);
  });
});
