import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSqliteSource } from '@/lib/server/demo-source/write-sqlite-source';
import { SEED_COLUMNS } from '@/lib/validation/seed-suite';
import type { IngestTable } from '@/lib/ingest/merge';
import { runIngest } from './run-ingest';

const OPTS = { seed: 7, customers: 400, months: 6, dirty: { duplicateCustomer: 0.03 } };
const WINDOW = { start: '2026-08-01', end: '2026-08-31' };
const HORIZON_END = '2026-09-30';

function plain(t: IngestTable): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const c of t.columnNames()) out[c] = Array.from(t.array(c) as ArrayLike<unknown>);
  return out;
}

function copySource(src: string, dir: string, name: string): Database.Database {
  const p = path.join(dir, name);
  fs.copyFileSync(src, p);
  return new Database(p);
}

describe('runIngest (SQLite)', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;
  let table: IngestTable;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-'));
    file = (await writeSqliteSource(path.join(dir, 'src.sqlite'), OPTS)).path;
    db = new Database(file, { readonly: true });
    table = (await runIngest({ kind: 'sqlite', path: file }, WINDOW)).table;
  });

  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns the 13 seed columns in order plus churned', () => {
    expect(table.columnNames()).toEqual([...SEED_COLUMNS, 'churned']);
  });

  it('returns one row per eligible customer row, duplicates kept', async () => {
    const eligible = db
      .prepare(
        `SELECT count(*) FROM customers WHERE signup_date <= ? AND customer_id NOT IN
           (SELECT customer_id FROM churn_events WHERE churn_date < ?)`,
      )
      .pluck()
      .get(WINDOW.end, WINDOW.start) as number;
    const res = await runIngest({ kind: 'sqlite', path: file }, WINDOW);
    expect(res.rowCount).toBe(eligible);
    expect(res.stats.customers).toBe(eligible);
    const ids = table.columns.customer_id;
    const dupes = ids.length - new Set(ids).size;
    expect(dupes).toBeGreaterThan(0);
    const directDupes = db
      .prepare(
        `SELECT count(*) - count(DISTINCT customer_id) FROM customers WHERE signup_date <= ? AND customer_id NOT IN
           (SELECT customer_id FROM churn_events WHERE churn_date < ?)`,
      )
      .pluck()
      .get(WINDOW.end, WINDOW.start);
    expect(dupes).toBe(directDupes);
    expect(res.stats.usageRows).toBe(
      db.prepare('SELECT count(*) FROM usage_logs WHERE date BETWEEN ? AND ?').pluck().get(WINDOW.start, WINDOW.end),
    );
  });

  it("signupFilter 'signup_between' is the seed's literal BETWEEN", async () => {
    const n = db.prepare('SELECT count(*) FROM customers WHERE signup_date BETWEEN ? AND ?').pluck().get(WINDOW.start, WINDOW.end);
    const res = await runIngest({ kind: 'sqlite', path: file }, WINDOW, { signupFilter: 'signup_between' });
    expect(res.rowCount).toBe(n);
    for (const d of res.table.columns.signup_date) expect(d >= WINDOW.start && d <= WINDOW.end).toBe(true);
  });

  it('aggregates of 10 sampled customers equal a direct per-customer computation', () => {
    const c = table.columns;
    const n = table.numRows();
    for (let k = 0; k < 10; k++) {
      const i = Math.floor((k * (n - 1)) / 9);
      const id = c.customer_id[i];
      const usage = db
        .prepare('SELECT data_usage_gb, call_minutes FROM usage_logs WHERE customer_id = ? AND date >= ? AND date <= ?')
        .raw()
        .all(id, WINDOW.start, WINDOW.end) as [number | null, number][];
      const gb = usage.map((r) => r[0]).filter((v): v is number => v !== null);
      const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
      expect(c.usage_days[i]).toBe(usage.length === 0 ? NaN : usage.length);
      expect(c.avg_data_usage[i]).toBeCloseTo(mean(gb), 9);
      expect(c.avg_call_minutes[i]).toBeCloseTo(mean(usage.map((r) => r[1])), 9);
      const bills = db
        .prepare('SELECT monthly_charges, payment_status, tenure_months FROM billing WHERE customer_id = ? AND billing_date BETWEEN ? AND ?')
        .raw()
        .all(id, WINDOW.start, WINDOW.end) as [number | null, string, number][];
      const charges = bills.map((r) => r[0]).filter((v): v is number => v !== null);
      expect(c.avg_monthly_charges[i]).toBeCloseTo(mean(charges), 9);
      expect(c.late_payments[i]).toBe(bills.length ? bills.filter((b) => b[1] === 'late' || b[1] === 'failed').length : NaN);
      expect(c.tenure[i]).toBe(bills.length ? Math.max(...bills.map((b) => b[2])) : NaN);
      const cust = db.prepare('SELECT signup_date, age, gender FROM customers WHERE customer_id = ?').raw().get(id) as [string, number | null, string];
      expect([c.signup_date[i], c.age[i], c.gender[i]]).toEqual([cust[0], cust[1] ?? NaN, cust[2]]);
    }
  });

  it('labels churn within (end, end + horizon] only', () => {
    const churners = new Set(
      db.prepare('SELECT customer_id FROM churn_events WHERE churn_date > ? AND churn_date <= ?').pluck().all(WINDOW.end, HORIZON_END) as string[],
    );
    expect(churners.size).toBeGreaterThan(0);
    const c = table.columns;
    let positives = 0;
    for (let i = 0; i < table.numRows(); i++) {
      expect(c.churned[i]).toBe(churners.has(c.customer_id[i]) ? 1 : 0);
      positives += c.churned[i];
    }
    expect(positives).toBeGreaterThan(0);
  });

  it('horizon boundaries: churn on end is 0, on end+30 is 1, on end+31 is 0; churn before start excludes', async () => {
    const w = copySource(file, dir, 'horizon.sqlite');
    const never = w
      .prepare(
        `SELECT DISTINCT customer_id FROM customers WHERE signup_date < ? AND customer_id NOT IN (SELECT customer_id FROM churn_events)
         ORDER BY customer_id LIMIT 4`,
      )
      .pluck()
      .all(WINDOW.start) as string[];
    const ins = w.prepare('INSERT INTO churn_events (customer_id, churn_date) VALUES (?, ?)');
    ins.run(never[0], WINDOW.end);
    ins.run(never[1], HORIZON_END);
    ins.run(never[2], '2026-10-01');
    ins.run(never[3], '2026-07-31');
    w.close();
    const res = await runIngest({ kind: 'sqlite', path: path.join(dir, 'horizon.sqlite') }, WINDOW, { horizonDays: 30 });
    const c = res.table.columns;
    const label = (id: string) => c.churned[c.customer_id.indexOf(id)];
    expect(label(never[0])).toBe(0);
    expect(label(never[1])).toBe(1);
    expect(label(never[2])).toBe(0);
    expect(c.customer_id.includes(never[3])).toBe(false);
    const longer = await runIngest({ kind: 'sqlite', path: path.join(dir, 'horizon.sqlite') }, WINDOW, { horizonDays: 31 });
    expect(longer.table.columns.churned[longer.table.columns.customer_id.indexOf(never[2])]).toBe(1);
  });

  it('rows dated after end change nothing; a row dated on end does', async () => {
    const w = copySource(file, dir, 'future.sqlite');
    const ids = table.columns.customer_id.slice(0, 20);
    for (const id of ids) {
      w.prepare('INSERT INTO usage_logs VALUES (?, ?, ?, ?)').run(id, '2026-09-01', 999, 9999);
      w.prepare('INSERT INTO billing VALUES (?, ?, ?, ?, ?)').run(id, '2026-09-15', 999, 'failed', 119);
    }
    w.prepare('INSERT INTO customers SELECT * FROM customers WHERE customer_id = ?').run(ids[0]);
    w.prepare('UPDATE customers SET signup_date = ? WHERE rowid = (SELECT max(rowid) FROM customers)').run('2026-09-02');
    w.close();
    const after = await runIngest({ kind: 'sqlite', path: path.join(dir, 'future.sqlite') }, WINDOW);
    expect(plain(after.table)).toEqual(plain(table));

    const w2 = new Database(path.join(dir, 'future.sqlite'));
    w2.prepare('INSERT INTO usage_logs VALUES (?, ?, ?, ?)').run(ids[0], WINDOW.end, 999, 9999);
    w2.close();
    const onEnd = await runIngest({ kind: 'sqlite', path: path.join(dir, 'future.sqlite') }, WINDOW);
    expect(plain(onEnd.table)).not.toEqual(plain(table));
  });

  it('rejects a bad window and a missing file', async () => {
    await expect(runIngest({ kind: 'sqlite', path: file }, { start: '2026-09-01', end: '2026-08-01' })).rejects.toThrow(RangeError);
    await expect(runIngest({ kind: 'sqlite', path: path.join(dir, 'nope.sqlite') }, WINDOW)).rejects.toThrow();
  });
});
