/**
 * A project's SLO report from RequestMetric rows: the prediction route's requests served by the project's models,
 * plus those that failed before a model was resolved (modelName '' — a registry outage counts against every
 * project's availability).
 */
import { DEFAULT_SLO, sloReport, type MinuteCounts, type SloReport, type SloTargets } from '@/lib/monitoring/slo';
import { db } from '@/lib/server/db/client';

export const PREDICT_ROUTE = '/api/v1/predict';

export async function projectSlo(projectId: string, now = new Date(), targets: Partial<SloTargets> = {}): Promise<SloReport> {
  const t = { ...DEFAULT_SLO, ...targets };
  const models = await db().registeredModel.findMany({ where: { projectId }, select: { name: true } });
  const rows = await db().requestMetric.findMany({
    where: { route: PREDICT_ROUTE, modelName: { in: [...models.map((m) => m.name), ''] }, minute: { gte: new Date(now.getTime() - t.periodMinutes * 60_000), lte: now } },
    select: { minute: true, statusClass: true, count: true, latencyHist: true },
  });
  const counts: MinuteCounts[] = rows.map((r) => ({ minute: r.minute.getTime(), statusClass: r.statusClass, count: r.count, latencyHist: r.latencyHist }));
  return sloReport(counts, now.getTime(), t);
}

/** Predictions by probability decile per minute over the last `hours` (for the prediction-distribution chart). */
export async function predictionDeciles(projectId: string, hours = 24, now = new Date()): Promise<{ minute: string; counts: number[] }[]> {
  const models = await db().registeredModel.findMany({ where: { projectId }, select: { name: true } });
  const rows = await db().requestMetric.findMany({ where: { route: PREDICT_ROUTE, statusClass: '2xx', modelName: { in: models.map((m) => m.name) }, minute: { gte: new Date(now.getTime() - hours * 3_600_000) } }, select: { minute: true, probHist: true }, orderBy: { minute: 'asc' } });
  const by = new Map<number, number[]>();
  for (const r of rows) {
    const c = by.get(r.minute.getTime()) ?? new Array<number>(10).fill(0);
    r.probHist.forEach((v, i) => {
      if (i < 10) c[i] += v;
    });
    by.set(r.minute.getTime(), c);
  }
  return [...by.entries()].map(([m, counts]) => ({ minute: new Date(m).toISOString(), counts }));
}
