import { db } from '@/lib/server/db/client';
import { scoringPool, type ScoringPool } from '@/lib/server/serving/scoring-pool';
import { servingStatus, type ServingStatus } from '@/lib/server/serving/serving-cache';

/** How long readiness waits for every scoring thread before it settles for those that are up. */
export const SCORING_THREADS_GRACE_MS = 60_000;

/**
 * The scoring threads' part of readiness: every thread booted with every served version, so the first requests
 * are not scored on the event loop while the threads boot. After the grace period a pool with fewer threads up
 * (a thread that cannot start) no longer holds the pod back: those requests are scored on the event loop.
 */
export function scoringThreadsCheck(pool: ScoringPool | null, now = Date.now()): { ok: boolean; detail?: string } {
  if (!pool) return { ok: true, detail: 'scoring on the event loop' };
  const up = pool.readyThreads();
  if (up === pool.size) return { ok: true, detail: `${up} scoring threads ready` };
  const late = now - pool.startedAt >= SCORING_THREADS_GRACE_MS;
  return { ok: late, detail: `${up} of ${pool.size} scoring threads ready${late ? '; the others are scored on the event loop' : ''}` };
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
  workers: number;
  models: ServingStatus['models'];
}

/**
 * Readiness: every champion is loaded in this process (and in its scoring threads) and the database answers — or, during a database
 * outage, champions loaded before it keep the pod ready (they keep serving). A fresh install without any champion
 * is ready when the database answers: there is nothing to serve yet. Details name the failing dependency without leaking
 * connection strings.
 */
export async function readiness(): Promise<Readiness> {
  const checks: Readiness['checks'] = {};
  let workers = 0;
  try {
    await db().$queryRaw`SELECT 1`;
    checks.database = { ok: true };
    workers = await db().workerHeartbeat.count({ where: { lastSeenAt: { gte: new Date(Date.now() - 30_000) } } });
  } catch {
    checks.database = { ok: false, detail: 'database unreachable' };
  }
  const serving = await servingStatus();
  checks.champion = { ok: serving.ok, detail: serving.detail };
  // only when something is served: without a champion there is nothing for the threads to load
  const servesModels = serving.models.some((m) => m.loaded);
  checks.scoring = servesModels ? scoringThreadsCheck(scoringPool()) : { ok: true, detail: 'no model served yet' };
  // A loaded champion keeps serving through a database outage, so the pod stays ready then.
  const servingWithoutDb = serving.ok && serving.models.some((m) => m.alias === 'champion' && m.loaded);
  return { ready: checks.champion.ok && checks.scoring.ok && (checks.database.ok || servingWithoutDb), checks, workers, models: serving.models };
}
