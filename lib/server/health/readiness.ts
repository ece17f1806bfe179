import { db } from '@/lib/server/db/client';
import { servingStatus, type ServingStatus } from '@/lib/server/serving/serving-cache';

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
  workers: number;
  models: ServingStatus['models'];
}

/**
 * Readiness: every champion is loaded in this process and the database answers — or, during a database
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
  // A loaded champion keeps serving through a database outage, so the pod stays ready then.
  const servingWithoutDb = serving.ok && serving.models.some((m) => m.alias === 'champion' && m.loaded);
  return { ready: checks.champion.ok && (checks.database.ok || servingWithoutDb), checks, workers, models: serving.models };
}
