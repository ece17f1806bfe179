/**
 * Several processes creating the job queues at once on a fresh database (workers starting together, or a worker
 * and the app): every one succeeds. pg-boss's create_queue adds foreign keys to its queue table, and unserialized
 * creators deadlocked there (PostgreSQL aborted one; the worker exited at start).
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const dbs: TestDatabase[] = [];
afterEach(async () => {
  for (const t of dbs.splice(0)) await t.drop();
});

function createQueuesIn(url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/helpers/create-queues.ts'], {
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out: out.trim() }));
  });
}

describe('job queue creation', () => {
  it('four processes create the queues of a fresh database at once, three times over: none fails', async () => {
    const { JOB_DEFINITIONS } = await import('@/lib/server/jobs/registry');
    const { DEAD_LETTER_QUEUE } = await import('@/lib/server/jobs/jobs');
    for (let round = 0; round < 3; round++) {
      const t = await createTestDatabase();
      dbs.push(t);
      const results = await Promise.all([0, 1, 2, 3].map(() => createQueuesIn(t.url)));
      for (const r of results) expect(r, r.out).toMatchObject({ code: 0, out: expect.stringContaining('created') });
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: t.url });
      await c.connect();
      try {
        // every queue of ours, once; pg-boss's own (`__pgboss…`) aside
        const { rows } = await c.query<{ name: string }>("SELECT name FROM pgboss.queue WHERE name NOT LIKE '\\_\\_pgboss%' ORDER BY name");
        expect(rows.map((r) => r.name)).toEqual([DEAD_LETTER_QUEUE, ...JOB_DEFINITIONS.map((d) => d.name)].sort());
      } finally {
        await c.end();
      }
    }
  }, 120_000);
});
