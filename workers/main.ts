/**
 * The worker process: claims and runs background jobs (ingest, training, scoring, schedules) from the
 * PostgreSQL queue. Publishes a heartbeat so the app can show that workers are alive.
 * SIGTERM/SIGINT: stop claiming, let running work finish or abort (up to a timeout), disconnect; a second
 * signal forces exit.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/server/db/client';
import { env } from '@/lib/server/env';

const HEARTBEAT_MS = 5_000;

async function main(): Promise<void> {
  const cfg = env();
  const id = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const abort = new AbortController();

  const beat = async () => {
    await db().workerHeartbeat.upsert({
      where: { id },
      create: { id, hostname: hostname(), pid: process.pid, concurrency: cfg.WORKER_CONCURRENCY },
      update: { lastSeenAt: new Date() },
    });
  };
  await beat();
  const timer = setInterval(() => beat().catch((e) => console.error('[worker] heartbeat failed:', (e as Error).message)), HEARTBEAT_MS);
  console.log(`[worker] ${id} ready (concurrency ${cfg.WORKER_CONCURRENCY})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.error(`[worker] second ${signal}: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`[worker] ${signal}: stopping`);
    abort.abort();
    clearInterval(timer);
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
