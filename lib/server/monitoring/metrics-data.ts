/**
 * What `/api/metrics` reports, read from the database in one go (metrics-endpoint.ts formats it with prom-client):
 * RequestMetric rows summed per label set, the model aliases, and Job rows by type and status with run times
 * bucketed in SQL.
 */
import { LATENCY_BUCKETS_MS, PROB_DECILES } from '@/lib/monitoring/slo';
import { db } from '@/lib/server/db/client';
import type { HistogramSeries } from './aggregated-histogram';

export interface MetricsData {
  requests: { route: string; statusClass: string; modelName: string; modelVersion: number; count: number }[];
  /** per route; counts per LATENCY_BUCKETS_MS edge + overflow, sum in seconds */
  latency: HistogramSeries[];
  deciles: { modelName: string; modelVersion: number; decile: string; count: number }[];
  aliases: { project: string; model: string; alias: string; version: number }[];
  jobsFinished: { type: string; status: string; count: number }[];
  jobsActive: { type: string; status: string; count: number }[];
  /** per (type, status) of finished jobs with a start time; counts per edge + overflow, sum in seconds */
  jobDurations: HistogramSeries[];
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/** Reads everything once; `jobEdges` are the job-duration bucket edges in seconds. */
export async function loadMetricsData(jobEdges: readonly number[]): Promise<MetricsData> {
  const [rows, aliases, jobs, durations] = await Promise.all([
    db().requestMetric.findMany({ select: { route: true, modelName: true, modelVersion: true, statusClass: true, count: true, latencyHist: true, latencySumMs: true, probHist: true } }),
    db().modelAlias.findMany({ include: { model: { select: { name: true, project: { select: { slug: true } } } }, version: { select: { version: true } } } }),
    db().job.groupBy({ by: ['type', 'status'], _count: { _all: true } }),
    // bucket index = how many edges lie below the run time (le semantics: a run time equal to an edge falls in it)
    db().$queryRaw<{ type: string; status: string; bucket: number; n: bigint; seconds: number }[]>`
      SELECT "type", "status", bucket, COUNT(*) AS n, SUM(secs)::float8 AS seconds FROM (
        SELECT "type", "status"::text AS "status", secs,
          (SELECT COUNT(*)::int FROM unnest(${jobEdges as number[]}::float8[]) AS e(edge) WHERE e.edge < secs) AS bucket
        FROM (SELECT "type", "status", GREATEST(0, EXTRACT(EPOCH FROM ("finishedAt" - "startedAt")))::float8 AS secs
              FROM "Job" WHERE "finishedAt" IS NOT NULL AND "startedAt" IS NOT NULL) t
      ) b GROUP BY "type", "status", bucket`,
  ]);

  const requests = new Map<string, MetricsData['requests'][number]>();
  const latency = new Map<string, { labels: Record<string, string>; counts: number[]; sum: number }>();
  const deciles = new Map<string, MetricsData['deciles'][number]>();
  for (const r of rows) {
    const k = `${r.route}|${r.statusClass}|${r.modelName}|${r.modelVersion}`;
    const e = requests.get(k) ?? { route: r.route, statusClass: r.statusClass, modelName: r.modelName, modelVersion: r.modelVersion, count: 0 };
    e.count += r.count;
    requests.set(k, e);
    const l = latency.get(r.route) ?? { labels: { route: r.route }, counts: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0), sum: 0 };
    r.latencyHist.forEach((c, i) => {
      if (i < l.counts.length) l.counts[i] += c;
    });
    l.sum += r.latencySumMs / 1000;
    latency.set(r.route, l);
    r.probHist.forEach((c, i) => {
      if (i >= PROB_DECILES || c === 0) return;
      const dk = `${r.modelName}|${r.modelVersion}|${i}`;
      const d = deciles.get(dk) ?? { modelName: r.modelName, modelVersion: r.modelVersion, decile: `${(i / 10).toFixed(1)}-${((i + 1) / 10).toFixed(1)}`, count: 0 };
      d.count += c;
      deciles.set(dk, d);
    });
  }

  const jobDurations = new Map<string, { labels: Record<string, string>; counts: number[]; sum: number }>();
  for (const d of durations) {
    const k = `${d.type}|${d.status}`;
    const h = jobDurations.get(k) ?? { labels: { type: d.type, status: d.status }, counts: new Array<number>(jobEdges.length + 1).fill(0), sum: 0 };
    h.counts[Math.min(d.bucket, jobEdges.length)] += Number(d.n);
    h.sum += Number(d.seconds);
    jobDurations.set(k, h);
  }

  return {
    requests: [...requests.values()],
    latency: [...latency.values()],
    deciles: [...deciles.values()],
    aliases: aliases.map((a) => ({ project: a.model.project.slug, model: a.model.name, alias: a.alias, version: a.version.version })),
    jobsFinished: jobs.filter((j) => FINISHED.has(j.status)).map((j) => ({ type: j.type, status: j.status, count: j._count._all })),
    jobsActive: jobs.filter((j) => !FINISHED.has(j.status)).map((j) => ({ type: j.type, status: j.status, count: j._count._all })),
    jobDurations: [...jobDurations.values()],
  };
}
