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
import { onStopSignals } from '@/lib/server/process/stop-signals';
import { startScheduler } from './scheduler';

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
  // The queues first: the heartbeat tells the app (and the tests) that this worker can claim jobs.
  const boss = await getBoss();
  for (const def of JOB_DEFINITIONS) await ensureQueue(def);
  await beat();
  const timer = setInterval(() => beat().catch((e) => console.error('[worker] heartbeat failed:', (e as Error).message)), HEARTBEAT_MS);

  // Our own claim loop over pg-boss's fetch/complete/fail: up to `concurrency` jobs at once, claims only as many
  // as there are free slots, polls again at once while there is work and backs off when the queues are empty.
  // (pg-boss's work() waits a polling interval after every job and times handlers out at their lease.)
  let active = 0;
  let stopping = false;
  const runOne = async (def: (typeof JOB_DEFINITIONS)[number], queueJobId: string, jobId: string) => {
    active++;
    try {
      await runJob(def, jobId, { workerId: id, signal: abort.signal });
      await boss.complete(def.name, queueJobId);
    } catch (err) {
      // Failed, or handed back because this worker is stopping: either way the queue retries it (with backoff).
      await boss.fail(def.name, queueJobId, { message: (err as Error).message }).catch(() => {});
    } finally {
      active--;
    }
  };
  const loop = async () => {
    let next = 0;
    while (!stopping) {
      const free = cfg.WORKER_CONCURRENCY - active;
      let claimed = 0;
      if (free > 0) {
        for (let k = 0; k < JOB_DEFINITIONS.length && claimed < free; k++) {
          const def = JOB_DEFINITIONS[(next + k) % JOB_DEFINITIONS.length];
          const jobs = await boss.fetch<{ jobId: string }>(def.name, { batchSize: free - claimed }).catch(() => []);
          for (const j of jobs) void runOne(def, j.id, j.data.jobId);
          claimed += jobs.length;
        }
        next++;
      }
      if (claimed === 0) await new Promise((r) => setTimeout(r, free > 0 ? 250 : 50));
    }
  };
  const looping = loop();
  // Requeue jobs whose worker died (no heartbeat for WORKER_STALE_SECONDS).
  const staleMs = cfg.WORKER_STALE_SECONDS * 1000;
  const reaper = setInterval(() => {
    reclaimStaleJobs(staleMs)
      .then((ids) => ids.length && console.log(`[worker] requeued jobs of a lost worker: ${ids.join(', ')}`))
      .catch((e) => console.error('[worker] lease recovery failed:', (e as Error).message));
  }, Math.max(1000, staleMs / 2));

  // Project schedules (daily ingest, weekly retrain, nightly scoring): due ones are queued from here.
  const scheduler = startScheduler();

  console.log(`[worker] ${id} ready: ${JOB_DEFINITIONS.map((d) => d.name).join(', ')} (concurrency ${cfg.WORKER_CONCURRENCY})`);

  const stop = async (signal: string) => {
    stopping = true;
    console.log(`[worker] ${signal}: stopping (no new jobs; running ones are aborted)`);
    clearInterval(timer);
    clearInterval(reaper);
    await scheduler.stop();
    abort.abort(new Error(`worker stopping (${signal})`));
    await looping;
    const until = Date.now() + STOP_TIMEOUT_MS;
    while (active > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {});
    await db().workerHeartbeat.delete({ where: { id } }).catch(() => {});
    await db().$disconnect();
    process.exit(0);
  };
  onStopSignals(['SIGTERM', 'SIGINT'], {
    stop: (signal) => void stop(signal),
    force: (signal) => {
      console.error(`[worker] second ${signal}: exiting now`);
      process.exit(1);
    },
  });
}

main().catch((err) => {
  console.error('[worker] failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
