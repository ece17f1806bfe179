import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/helpers/test-database';
import { loadSourceIntoPostgres } from '@/lib/server/demo-source/load-postgres-source';
import { writeSqliteSource } from '@/lib/server/demo-source/write-sqlite-source';
import type { IngestTable } from '@/lib/ingest/merge';
import { runIngest } from './run-ingest';

const OPTS = { seed: 7, customers: 400, months: 6, dirty: { duplicateCustomer: 0.03 } };
const WINDOW = { start: '2026-08-01', end: '2026-08-31' };
const SCHEMA = 'demo_src';

describe('runIngest (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let dir: string;
  let sqlitePath: string;
  let client: pg.Client;
  let pgTable: IngestTable;

  beforeAll(async () => {
    testDb = await createTestDatabase({ migrate: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-pg-'));
    sqlitePath = (await writeSqliteSource(path.join(dir, 'src.sqlite'), OPTS)).path;
    await loadSourceIntoPostgres(testDb.url, SCHEMA, OPTS);
    client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    pgTable = (await runIngest({ kind: 'postgres', url: testDb.url, schema: SCHEMA }, WINDOW)).table;
  });

  afterAll(async () => {
    await client?.end();
    await testDb?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns one row per eligible customer row (direct SQL count)', async () => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.customers WHERE signup_date <= $1::date AND customer_id NOT IN
         (SELECT customer_id FROM ${SCHEMA}.churn_events WHERE churn_date < $2::date)`,
      [WINDOW.end, WINDOW.start],
    );
    expect(pgTable.numRows()).toBe(rows[0].n);
  });

  it('aggregates of 10 sampled customers equal a direct per-customer query', async () => {
    const c = pgTable.columns;
    const n = pgTable.numRows();
    for (let k = 0; k < 10; k++) {
      const i = Math.floor((k * (n - 1)) / 9);
      const id = c.customer_id[i];
      const u = await client.query(
        `SELECT avg(data_usage_gb) AS gb, avg(call_minutes) AS mins, count(*)::int AS days FROM ${SCHEMA}.usage_logs
         WHERE customer_id = $1 AND date BETWEEN $2::date AND $3::date`,
        [id, WINDOW.start, WINDOW.end],
      );
      const b = await client.query(
        `SELECT avg(monthly_charges) AS ch, count(*) FILTER (WHERE payment_status <> 'paid')::int AS late,
                max(tenure_months) AS ten, count(*)::int AS bills
         FROM ${SCHEMA}.billing WHERE customer_id = $1 AND billing_date BETWEEN $2::date AND $3::date`,
        [id, WINDOW.start, WINDOW.end],
      );
      const ur = u.rows[0];
      const br = b.rows[0];
      expect(c.usage_days[i]).toBe(ur.days === 0 ? NaN : ur.days);
      expect(c.avg_data_usage[i]).toBeCloseTo(ur.gb ?? NaN, 9);
      expect(c.avg_call_minutes[i]).toBeCloseTo(ur.mins ?? NaN, 9);
      expect(c.avg_monthly_charges[i]).toBeCloseTo(br.ch ?? NaN, 9);
      expect(c.late_payments[i]).toBe(br.bills === 0 ? NaN : br.late);
      expect(c.tenure[i]).toBe(br.ten ?? NaN);
    }
  });

  it('a usage row dated after end changes nothing', async () => {
    const id = pgTable.columns.customer_id[0];
    await client.query(`INSERT INTO ${SCHEMA}.usage_logs VALUES ($1, '2026-09-01', 999, 9999)`, [id]);
    await client.query(`INSERT INTO ${SCHEMA}.billing VALUES ($1, '2026-09-02', 999, 'late', 119)`, [id]);
    const after = (await runIngest({ kind: 'postgres', url: testDb.url, schema: SCHEMA }, WINDOW)).table;
    for (const col of pgTable.columnNames()) expect(Array.from(after.array(col))).toEqual(Array.from(pgTable.array(col)));
    await client.query(`DELETE FROM ${SCHEMA}.usage_logs WHERE date = '2026-09-01' AND data_usage_gb = 999`);
    await client.query(`DELETE FROM ${SCHEMA}.billing WHERE billing_date = '2026-09-02' AND monthly_charges = 999`);
  });

  it('equals the SQLite ingest of the same source and window', async () => {
    for (const signupFilter of ['active', 'signup_between'] as const) {
      const lite = (await runIngest({ kind: 'sqlite', path: sqlitePath }, WINDOW, { signupFilter })).table;
      const pgt = (await runIngest({ kind: 'postgres', url: testDb.url, schema: SCHEMA }, WINDOW, { signupFilter })).table;
      expect(pgt.columnNames()).toEqual(lite.columnNames());
      expect(pgt.numRows()).toBe(lite.numRows());
      for (const col of lite.columnNames()) {
        const a = lite.array(col);
        const b = pgt.array(col);
        if (a instanceof Float64Array) {
          // Both engines average doubles; summation order may differ in the last bits.
          for (let i = 0; i < a.length; i++) {
            const x = a[i];
            const y = (b as Float64Array)[i];
            if (Number.isNaN(x)) expect(y, `${col}[${i}]`).toBeNaN();
            else expect(Math.abs(x - y), `${col}[${i}]`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x)));
          }
        } else {
          expect(Array.from(b), col).toEqual(Array.from(a));
        }
      }
    }
  });

  it('rejects an unsafe schema name before touching the database', async () => {
    await expect(runIngest({ kind: 'postgres', url: testDb.url, schema: 'x"; DROP TABLE y; --' }, WINDOW)).rejects.toThrow(RangeError);
  });
});
