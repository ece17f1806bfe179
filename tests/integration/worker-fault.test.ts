/** Real worker processes against a real PostgreSQL: two workers share one queue and never run one job twice. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
let dataDir: string;
let projectId: string;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'workers/main.ts'], {
    env: { ...process.env, DATABASE_URL: t.url, DATA_DIR: dataDir, WORKER_CONCURRENCY: '2', WORKER_STALE_SECONDS: '4', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.resume();
  child.stderr!.resume();
  workers.push(child);
  return child;
}

async function until<T>(fn: () => Promise<T | null | undefined | false>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-fault-'));
  process.env.DATA_DIR = dataDir;
  t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  const userId = (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id;
  projectId = (await createProject(userId, { name: 'Faults' })).id;
  startWorker();
  startWorker();
  const { db } = await import('@/lib/server/db/client');
  await until(async () => (await db().workerHeartbeat.count()) >= 2, 60_000, 'two workers');
}, 120_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  const { stopBoss } = await import('@/lib/server/jobs/boss');
  await stopBoss({ graceful: false, timeout: 1000 });
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('worker processes', () => {
  it('two workers never run one job', async () => {
    const { writeSqliteSource } = await import('@/lib/server/demo-source/write-sqlite-source');
    const { createSource } = await import('@/lib/server/sources/sources');
    const { ingestJob } = await import('@/lib/server/jobs/ingest-job');
    const { enqueueJob } = await import('@/lib/server/jobs/jobs');
    const { db } = await import('@/lib/server/db/client');
    await writeSqliteSource(path.join(dataDir, 'src.sqlite'), { customers: 200, seed: 3 });
    const source = await createSource(projectId, { kind: 'sqlite', name: 'src', location: 'src.sqlite' });
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) {
      const end = `2026-0${1 + (i % 9)}-2${i % 8}`;
      ids.push((await enqueueJob(ingestJob, { projectId, sourceId: source.id, end, days: 30 }, { projectId })).id);
    }
    await until(async () => (await db().job.count({ where: { id: { in: ids }, status: 'succeeded' } })) === ids.length, 120_000, 'all ingest jobs');
    const jobs = await db().job.findMany({ where: { id: { in: ids } } });
    expect(jobs.every((j) => j.attempts === 1)).toBe(true);
  }, 180_000);
});
