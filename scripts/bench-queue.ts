/**
 * npm run bench:queue -- [--jobs 2000] [--workers 2] [--concurrency 4]
 * Jobs/s claimed and completed by real worker processes sharing one PostgreSQL queue, and how many jobs ran more
 * than once (must be 0). Uses DATABASE_URL, or an embedded PostgreSQL in a temporary directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '@/lib/server/db/embedded-postgres';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '2000' }, workers: { type: 'string', default: '2' }, concurrency: { type: 'string', default: '4' } } });
const N = Number(values.jobs);
const W = Number(values.workers);

const dir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-bench-queue-'));
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: dir, database: 'bench_queue' });
const url = process.env.DATABASE_URL ?? embedded!.url;
process.env.DATABASE_URL = url;
process.env.AUTH_SECRET ??= randomBytes(32).toString('base64url');
process.env.DATA_DIR = dir;
const { applyMigrations } = await import('@/lib/server/db/schema-engine');
await applyMigrations(url);
const { db } = await import('@/lib/server/db/client');
const { getBoss, stopBoss } = await import('@/lib/server/jobs/boss');
const { ensureQueue } = await import('@/lib/server/jobs/jobs');
const { pingJob } = await import('@/lib/server/jobs/ping-job');

const children: ChildProcess[] = [];
try {
  await ensureQueue(pingJob);
  for (let i = 0; i < W; i++) {
    const c = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'workers/main.ts'], {
      env: { ...process.env, WORKER_CONCURRENCY: values.concurrency, NODE_ENV: 'production' },
      stdio: 'ignore',
    });
    children.push(c);
  }
  while ((await db().workerHeartbeat.count()) < W) await new Promise((r) => setTimeout(r, 200));

  const ids = Array.from({ length: N }, () => randomUUID());
  await db().job.createMany({ data: ids.map((id, n) => ({ id, type: 'ping', version: 1, payload: { n } })) });
  const boss = await getBoss();
  const t0 = performance.now();
  for (let i = 0; i < N; i += 500) {
    await boss.insert(ids.slice(i, i + 500).map((id) => ({ id, name: 'ping', data: { jobId: id }, retryLimit: 1, expireInSeconds: 60 })));
  }
  let done = 0;
  while (done < N) {
    await new Promise((r) => setTimeout(r, 100));
    done = await db().job.count({ where: { id: { in: ids }, status: 'succeeded' } });
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = await db().job.findMany({ where: { id: { in: ids } }, select: { attempts: true, workerId: true } });
  const duplicates = rows.reduce((a, r) => a + Math.max(0, r.attempts - 1), 0);
  const perWorker = new Map<string, number>();
  for (const r of rows) perWorker.set(r.workerId ?? '?', (perWorker.get(r.workerId ?? '?') ?? 0) + 1);
  const jobsPerSecond = N / seconds;

  console.log('\nQueue benchmark (pg-boss on PostgreSQL, real worker processes)\n');
  console.log(`| jobs | workers × concurrency | seconds | jobs/s | duplicates |`);
  console.log(`|---|---|---|---|---|`);
  console.log(`| ${N} | ${W} × ${values.concurrency} | ${seconds.toFixed(2)} | ${jobsPerSecond.toFixed(0)} | ${duplicates} |`);
  console.log(`\njobs per worker: ${[...perWorker.values()].join(', ')}\n`);
  console.log(JSON.stringify({ jobs: N, workers: W, concurrency: Number(values.concurrency), seconds: Number(seconds.toFixed(3)), jobs_per_s: Number(jobsPerSecond.toFixed(1)), duplicates, per_worker: [...perWorker.values()] }));
} finally {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {});
  await db().$disconnect();
  await embedded?.stop();
  await rm(dir, { recursive: true, force: true });
}
