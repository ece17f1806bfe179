/**
 * The worker process: claims and runs background jobs (ingest, training, scoring, schedules) from the
 * PostgreSQL queue (pg-boss), WORKER_CONCURRENCY at a time, and publishes a heartbeat so the app can show that
 * workers are alive. SIGTERM/SIGINT: stop claiming, abort running work, wait up to 30 s, disconnect; a second
 * signal forces exit.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { db } from '@/lib/server/db/client';
import { env } from '@/lib/server/env';
import { getBoss, stopBoss } from '@/lib/server/jobs/boss';
import { JOB_DEFINITIONS } from '@/lib/server/jobs/registry';
import { ensureQueue, runJob } from '@/lib/server/jobs/jobs';
import { reclaimStaleJobs } from '@/lib/server/jobs/reaper';

const HEARTBEAT_MS = 2_000;
const STOP_TIMEOUT_MS = 30_000;

async function main(): Promise<void> {
  const cfg = env();
  const id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const abort = new AbortController();

  const beat = () =>
    db().workerHeartbeat.upsert({
      where: { id },
      create: { id, hostname: hostname(), pid: process.pid, concurrency: cfg.WORKER_CONCURRENCY },
      update: { lastSeenAt: new Date() },
    });
  await beat();
  const timer = setInterval(() => beat().catch((e) => console.error('[worker] heartbeat failed:', (e as Error).message)), HEARTBEAT_MS);

  const boss = await getBoss();
  for (const def of JOB_DEFINITIONS) {
    await ensureQueue(def);
    // batchSize 1 per work() call; registering it `concurrency` times gives that many jobs at once.
    for (let i = 0; i < cfg.WORKER_CONCURRENCY; i++) {
      await boss.work<{ jobId: string }>(def.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        await runJob(def, job.data.jobId, { workerId: id, signal: abort.signal });
      });
    }
  }
  // Requeue jobs whose worker died (no heartbeat for WORKER_STALE_SECONDS).
  const staleMs = cfg.WORKER_STALE_SECONDS * 1000;
  const reaper = setInterval(() => {
    reclaimStaleJobs(staleMs)
      .then((ids) => ids.length && console.log(`[worker] requeued jobs of a lost worker: ${ids.join(', ')}`))
      .catch((e) => console.error('[worker] lease recovery failed:', (e as Error).message));
  }, Math.max(1000, staleMs / 2));

  console.log(`[worker] ${id} ready: ${JOB_DEFINITIONS.map((d) => d.name).join(', ')} (concurrency ${cfg.WORKER_CONCURRENCY})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`[worker] second ${signal}: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`[worker] ${signal}: stopping (no new jobs; running ones are aborted)`);
    clearInterval(timer);
    clearInterval(reaper);
    abort.abort(new Error(`worker stopping (${signal})`));
    await stopBoss({ graceful: true, timeout: STOP_TIMEOUT_MS }).catch(() => {});
    await db().workerHeartbeat.delete({ where: { id } }).catch(() => {});
    await db().$disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  console.error('[worker] failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
