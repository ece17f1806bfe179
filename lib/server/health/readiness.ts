import { db } from '@/lib/server/db/client';

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
  workers: number;
}

/** Readiness checks; details name the failing dependency without leaking connection strings. */
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
  return { ready: Object.values(checks).every((c) => c.ok), checks, workers };
}
