import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '@/lib/server/db/embedded-postgres';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function query(url: string, sql: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('keeps its data across a clean restart', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-emb-'));
    dirs.push(dir);
    const first = await startEmbeddedPostgres({ dataDir: dir });
    expect(first.url).toMatch(/^postgres:\/\/churnlab:[^@]+@127\.0\.0\.1:\d+\/churnlab$/);
    await query(first.url, `CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)`);
    // No replicas or WAL archive: a table filled in the transaction that created it skips the WAL and is synced at
    // commit instead (above wal_skip_threshold, 2 MB; this one is ~7 MB).
    expect(await query(first.url, 'SHOW wal_level')).toEqual([{ wal_level: 'minimal' }]);
    // the builtin C.UTF-8 locale whatever the machine's: code-point order and Unicode case mapping
    expect(await query(first.url, `SELECT datlocprovider AS p, datlocale AS l FROM pg_database WHERE datname = current_database()`)).toEqual([{ p: 'b', l: 'C.UTF-8' }]);
    expect(await query(first.url, `SELECT string_agg(s, ',' ORDER BY s) AS o, upper('é') AS u FROM unnest(ARRAY['b', 'B', 'é', 'a', 'Z']) s`)).toEqual([{ o: 'B,Z,a,b,é', u: 'É' }]);
    await query(first.url, `BEGIN; CREATE TABLE bulk (v int, s text); INSERT INTO bulk SELECT g, md5(g::text) FROM generate_series(1, 100000) g; COMMIT`);
    await first.stop();
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir: dir });
    try {
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 42 }]);
      expect(await query(second.url, `SELECT count(*)::int AS n, sum(v)::bigint::text AS s FROM bulk WHERE s = md5(v::text)`)).toEqual([{ n: 100000, s: '5000050000' }]);
    } finally {
      await second.stop();
    }
  });

  it('starts again after the app that ran it was SIGKILLed (stale postmaster cleaned up)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-emb-'));
    dirs.push(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/embedded-child.ts', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('READY')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`fixture exited early (${code}): ${out}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    // The orphaned postmaster still holds the directory.
    const pidFile = path.join(dir, 'pg', 'postmaster.pid');
    const orphan = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    expect(() => process.kill(orphan, 0)).not.toThrow();

    const db = await startEmbeddedPostgres({ dataDir: dir });
    try {
      expect(() => process.kill(orphan, 0)).toThrow();
      expect(await query(db.url, 'SELECT note FROM marks')).toEqual([{ note: 'written before SIGKILL' }]);
    } finally {
      await db.stop();
    }
  });
});
