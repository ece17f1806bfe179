/**
 * Real worker processes against a real PostgreSQL: jobs are never run twice, and a worker SIGKILLed in the middle
 * of training loses nothing — another worker finishes the job, exactly one Run exists and no orphan artifact remains.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const TELCO = path.resolve('../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');

let t: TestDatabase;
let dataDir: string;
let projectId: string;
const workers: ChildProcess[] = [];
const workerLog: string[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'workers/main.ts'], {
    env: { ...process.env, DATABASE_URL: t.url, DATA_DIR: dataDir, WORKER_CONCURRENCY: '2', WORKER_STALE_SECONDS: '8', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // the last of each worker's output goes into a timeout's message: a worker that died at start says why there
  const i = workers.length;
  const tail = (d: Buffer) => (workerLog[i] = (workerLog[i] + d.toString()).slice(-2000));
  workerLog.push('');
  child.stdout!.on('data', tail);
  child.stderr!.on('data', tail);
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
  const logs = workerLog.map((l, i) => `--- worker ${i} (exit ${workers[i].exitCode ?? workers[i].signalCode ?? 'none'}):\n${l}`).join('\n');
  throw new Error(`timed out waiting for ${what}\n${logs}`);
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

  it('a failing job is retried with exponential backoff, then dead-lettered and shown as failed with its reason', async () => {
    const { createSource } = await import('@/lib/server/sources/sources');
    const { ingestJob } = await import('@/lib/server/jobs/ingest-job');
    const { enqueueJob, DEAD_LETTER_QUEUE } = await import('@/lib/server/jobs/jobs');
    const { getBoss } = await import('@/lib/server/jobs/boss');
    const { db } = await import('@/lib/server/db/client');
    const missing = await createSource(projectId, { kind: 'sqlite', name: 'missing', location: 'missing.sqlite' });
    const t0 = Date.now();
    const job = await enqueueJob(ingestJob, { projectId, sourceId: missing.id, end: '2026-09-30' }, { projectId });
    const boss = await getBoss();
    const dead = await until(async () => {
      const got = await boss.fetch<{ jobId: string }>(DEAD_LETTER_QUEUE, { batchSize: 10 });
      return got.find((j) => j.data.jobId === job.id) ?? null;
    }, 120_000, 'the job in the dead-letter queue');
    expect(dead).toBeTruthy();
    const row = await db().job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(ingestJob.retryLimit + 1);
    expect(row.error).toMatch(/missing\.sqlite|unable to open|does not exist/i);
    // retryDelay 5 s with backoff: the retries waited at least 5 + 10 s in all.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(14_000);
  }, 150_000);

  it.skipIf(!existsSync(TELCO))('SIGKILL of a worker mid-training: another finishes, one Run, no orphan artifact', async () => {
    const { receiveUpload, commitUpload } = await import('@/lib/server/uploads/uploads');
    const { trainJobSpec } = await import('@/lib/server/training/train-spec');
    const { enqueueJob } = await import('@/lib/server/jobs/jobs');
    const { db } = await import('@/lib/server/db/client');
    const req = new Request('http://localhost/u', { method: 'POST', body: await readFile(TELCO), duplex: 'half' } as RequestInit);
    const draft = await receiveUpload(projectId, (await db().user.findFirstOrThrow()).id, 'telco.csv', req);
    const { snapshot } = await commitUpload(draft.uploadId, { name: 'Telco', target: 'Churn', positive: 'Yes' });
    const job = await enqueueJob(
      trainJobSpec,
      { projectId, snapshotId: snapshot.id, family: 'gbdt', params: { max_iter: 600, learning_rate: 0.02, min_samples_leaf: 5, max_depth: null, max_leaf_nodes: 63 } },
      { projectId },
    );
    const running = await until(async () => {
      const j = await db().job.findUnique({ where: { id: job.id } });
      return j && j.status === 'running' && j.progress > 0.15 && j.workerId ? j : null;
    }, 120_000, 'training to be under way');
    const victim = workers.find((w) => running.workerId!.includes(`-${w.pid}-`));
    expect(victim).toBeDefined();
    victim!.kill('SIGKILL');
    startWorker(); // a replacement, as an orchestrator would start

    const done = await until(async () => {
      const j = await db().job.findUnique({ where: { id: job.id } });
      return j && (j.status === 'succeeded' || j.status === 'failed') ? j : null;
    }, 240_000, 'the job to finish on another worker').catch(async (e) => {
      const j = await db().job.findUnique({ where: { id: job.id } });
      throw new Error(`${(e as Error).message}: job ${JSON.stringify({ status: j?.status, workerId: j?.workerId, progress: j?.progress, message: j?.message, attempts: j?.attempts })}`);
    });
    expect(done.status).toBe('succeeded');
    expect(done.workerId).not.toBe(running.workerId);
    expect(done.attempts).toBe(2);
    expect(await db().run.count({ where: { jobId: job.id } })).toBe(1);
    const files = await readdir(path.join(dataDir, 'artifacts'));
    expect(files.filter((f) => f.startsWith('.tmp'))).toEqual([]);
    const run = await db().run.findUniqueOrThrow({ where: { jobId: job.id } });
    expect(files.sort()).toEqual([`${run.artifactHash}.json`, `${run.transformHash}.json`].sort());
  }, 400_000);
});
