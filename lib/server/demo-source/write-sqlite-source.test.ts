import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSourceInMemory, SOURCE_GENERATOR_VERSION } from '@/lib/data/synthetic/generate-source';
import { SOURCE_TABLES } from '@/lib/data/synthetic/source-schema';
import { spawnSync } from 'node:child_process';
import { removeStaleTemps, writeSqliteSource, type SqliteSourceResult } from './write-sqlite-source';

const OPTS = { seed: 11, customers: 500, months: 12 };

describe('writeSqliteSource', () => {
  let dir: string;
  let result: SqliteSourceResult;
  let db: Database.Database;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-source-'));
    const progress: number[] = [];
    result = await writeSqliteSource(path.join(dir, 'nested', 'src.sqlite'), OPTS, {
      chunkCustomers: 128,
      onProgress: (p) => progress.push(p.customersDone),
    });
    expect(progress).toEqual([128, 256, 384, 500]);
    db = new Database(result.path, { readonly: true });
  });

  afterAll(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the final file only (no temp file left) with the four tables and source_meta', () => {
    expect(fs.readdirSync(path.dirname(result.path))).toEqual(['src.sqlite']);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['billing', 'churn_events', 'customers', 'source_meta', 'usage_logs']);
    for (const t of SOURCE_TABLES) {
      const cols = db.prepare(`PRAGMA table_info(${t.name})`).all() as { name: string; type: string }[];
      expect(cols.map((c) => [c.name, c.type])).toEqual(t.columns.map((c) => [c.name, c.type]));
    }
    const indexed = db
      .prepare("SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY 1")
      .pluck()
      .all();
    expect(indexed).toEqual([
      'billing.billing_billing_date_idx',
      'billing.billing_customer_id_idx',
      'churn_events.churn_events_customer_id_idx',
      'customers.customers_customer_id_idx',
      'usage_logs.usage_logs_customer_id_idx',
      'usage_logs.usage_logs_date_idx',
    ]);
  });

  it('stores exactly the generated rows (round trip, nulls included)', () => {
    const mem = generateSourceInMemory(OPTS);
    const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
    expect(count('customers')).toBe(result.summary.counts.customers);
    expect(count('usage_logs')).toBe(result.summary.counts.usage_logs);
    expect(count('billing')).toBe(result.summary.counts.billing);
    expect(count('churn_events')).toBe(result.summary.counts.churn_events);
    expect(result.summary.counts.usage_logs).toBe(mem.usage.length);

    const all = (t: string) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().all();
    expect(all('customers')).toEqual(mem.customers);
    expect(all('billing')).toEqual(mem.billing);
    expect(all('churn_events')).toEqual(mem.churn);
    expect(all('usage_logs')).toEqual(mem.usage);
    expect(db.prepare('SELECT count(*) FROM customers WHERE age IS NULL').pluck().get()).toBe(result.summary.dirty.ageNull.rows);
    expect(db.prepare('SELECT count(*) FROM usage_logs WHERE data_usage_gb IS NULL').pluck().get()).toBe(
      result.summary.dirty.dataUsageNull.rows,
    );
  });

  it('records options, seed, version and the dirty report in source_meta', () => {
    const meta = Object.fromEntries(
      (db.prepare('SELECT key, value FROM source_meta').all() as { key: string; value: string }[]).map((r) => [r.key, JSON.parse(r.value)]),
    );
    expect(meta.format).toBe('churnlab.demo-source');
    expect(meta.generator_version).toBe(SOURCE_GENERATOR_VERSION);
    expect(meta.seed).toBe(11);
    expect(meta.options).toEqual(result.summary.options);
    expect(meta.dirty_report).toEqual(result.summary.dirty);
    expect(meta.counts).toEqual(result.summary.counts);
  });

  it('rejects bad options without leaving a file behind', async () => {
    const target = path.join(dir, 'bad.sqlite');
    await expect(writeSqliteSource(target, { customers: -1 })).rejects.toThrow(RangeError);
    expect(fs.existsSync(target)).toBe(false);
    const aborted = AbortSignal.abort();
    await expect(writeSqliteSource(target, { customers: 10 }, { signal: aborted })).rejects.toThrow();
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('bad'))).toEqual([]);
  });

  it('a new write removes the temp files of writes whose process is gone, and keeps those of live processes', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-source-stale-'));
    try {
      const target = path.join(out, 'src.sqlite');
      const gone = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has exited
      const stale = [`src.sqlite.tmp-${gone}-1795929007574`, `src.sqlite.tmp-${gone}-1795929007574-journal`];
      const live = `src.sqlite.tmp-${process.ppid}-1795929007575`; // the parent runs: another writer still at work
      for (const f of [...stale, live, 'src.sqlite.tmp-notes.txt', 'other.sqlite.tmp-1-2']) fs.writeFileSync(path.join(out, f), 'x');
      expect(removeStaleTemps(target).sort()).toEqual(stale.sort());
      await writeSqliteSource(target, { ...OPTS, customers: 20 });
      expect(fs.readdirSync(out).sort()).toEqual(['other.sqlite.tmp-1-2', 'src.sqlite', live, 'src.sqlite.tmp-notes.txt'].sort());
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
