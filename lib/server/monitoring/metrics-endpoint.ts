/**
 * The `/api/metrics` body: prediction requests by status, latency histogram, predictions by decile (all from
 * RequestMetric rows, i.e. every instance, up to the last flush), the model versions in service (aliases), and
 * job outcomes and durations (Job table). Counters are totals over the retained rows (RETENTION_DAYS).
 */
import { LATENCY_BUCKETS_MS, PROB_DECILES } from '@/lib/monitoring/slo';
import { MetricsText } from '@/lib/monitoring/prometheus';
import { db } from '@/lib/server/db/client';

export async function metricsText(): Promise<string> {
  const rows = await db().requestMetric.findMany({ select: { route: true, modelName: true, modelVersion: true, statusClass: true, count: true, latencyHist: true, latencySumMs: true, probHist: true } });
  const req = new Map<string, { labels: Record<string, string>; value: number }>();
  const lat = new Map<string, { labels: Record<string, string>; counts: number[]; sum: number }>();
  const dec = new Map<string, { labels: Record<string, string>; value: number }>();
  for (const r of rows) {
    const model = { model: r.modelName, version: String(r.modelVersion) };
    const k = `${r.route}|${r.statusClass}|${r.modelName}|${r.modelVersion}`;
    const e = req.get(k) ?? { labels: { route: r.route, status_class: r.statusClass, ...model }, value: 0 };
    e.value += r.count;
    req.set(k, e);
    const l = lat.get(r.route) ?? { labels: { route: r.route }, counts: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0), sum: 0 };
    r.latencyHist.forEach((c, i) => {
      if (i < l.counts.length) l.counts[i] += c;
    });
    l.sum += r.latencySumMs / 1000;
    lat.set(r.route, l);
    r.probHist.forEach((c, i) => {
      if (i >= PROB_DECILES || c === 0) return;
      const dk = `${r.modelName}|${r.modelVersion}|${i}`;
      const d = dec.get(dk) ?? { labels: { ...model, decile: `${(i / 10).toFixed(1)}-${((i + 1) / 10).toFixed(1)}` }, value: 0 };
      d.value += c;
      dec.set(dk, d);
    });
  }
  const aliases = await db().modelAlias.findMany({ include: { model: { select: { name: true, project: { select: { slug: true } } } }, version: { select: { version: true } } } });
  const jobs = await db().job.groupBy({ by: ['type', 'status'], _count: { _all: true } });
  const durations = await db().$queryRaw<{ type: string; status: string; n: bigint; seconds: number }[]>`
    SELECT "type", "status"::text AS "status", COUNT(*) AS n, COALESCE(SUM(EXTRACT(EPOCH FROM ("finishedAt" - "startedAt"))), 0)::float8 AS seconds
    FROM "Job" WHERE "finishedAt" IS NOT NULL AND "startedAt" IS NOT NULL GROUP BY "type", "status"`;
  return new MetricsText()
    .family('churnlab_prediction_requests_total', 'counter', 'Prediction API requests by route, status class and serving model.', [...req.values()])
    .histogram('churnlab_prediction_latency_seconds', 'Prediction API latency (seconds), measured around the route handler.', LATENCY_BUCKETS_MS.map((ms) => ms / 1000), [...lat.values()])
    .family('churnlab_predictions_total', 'counter', 'Predictions returned by the prediction API, by probability decile.', [...dec.values()])
    .family('churnlab_model_in_service', 'gauge', 'Model versions in service: 1 per model alias (champion, challenger).', aliases.map((a) => ({ labels: { project: a.model.project.slug, model: a.model.name, alias: a.alias, version: String(a.version.version) }, value: 1 })))
    .family('churnlab_jobs_total', 'gauge', 'Background jobs by type and status (rows in the Job table).', jobs.map((j) => ({ labels: { type: j.type, status: j.status }, value: j._count._all })))
    .family('churnlab_job_duration_seconds_sum', 'gauge', 'Total run time of finished jobs by type and outcome (seconds).', durations.map((d) => ({ labels: { type: d.type, status: d.status }, value: Number(d.seconds) })))
    .family('churnlab_job_duration_seconds_count', 'gauge', 'Number of finished jobs with a run time, by type and outcome.', durations.map((d) => ({ labels: { type: d.type, status: d.status }, value: Number(d.n) })))
    .toString();
}
