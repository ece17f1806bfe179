/**
 * The `/api/metrics` body, written by prom-client from a dedicated Registry (kept on globalThis, so a hot reload
 * does not register the metrics twice; the global default registry is left alone). The numbers come from the
 * database, not from this process's counters, so every instance answers the same totals:
 * - prediction requests by route, status class and serving model, the latency histogram and the predictions by
 *   probability decile: RequestMetric rows (every instance, up to its last flush; totals over RETENTION_DAYS);
 * - model versions in service: the model aliases;
 * - job outcomes (finished jobs by type and status), jobs waiting or running, and job run times: the Job table;
 * plus prom-client's default process metrics (CPU, memory, event loop lag, GC) of the answering process.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { LATENCY_BUCKETS_MS } from '@/lib/monitoring/slo';
import { AggregatedHistogram } from './aggregated-histogram';
import { loadMetricsData, type MetricsData } from './metrics-data';

/** Job run time bucket edges (seconds): a ping takes a second, a large training an hour or more. */
export const JOB_DURATION_BUCKETS_S = [1, 5, 15, 60, 300, 900, 3600, 14_400] as const;

interface State {
  registry: Registry;
  data: MetricsData | null;
  /** scrapes run one at a time: each loads the data, then formats it */
  queue: Promise<unknown>;
}

function build(): State {
  const registry = new Registry();
  const s: State = { registry, data: null, queue: Promise.resolve() };
  const data = () => s.data;
  new Counter({
    name: 'churnlab_prediction_requests_total',
    help: 'Prediction API requests by route, status class and serving model.',
    labelNames: ['route', 'status_class', 'model', 'version'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const r of data()?.requests ?? []) this.inc({ route: r.route, status_class: r.statusClass, model: r.modelName, version: String(r.modelVersion) }, r.count);
    },
  });
  new AggregatedHistogram({
    name: 'churnlab_prediction_latency_seconds',
    help: 'Prediction API latency (seconds), measured around the route handler.',
    buckets: LATENCY_BUCKETS_MS.map((ms) => ms / 1000),
    registers: [registry],
    series: () => data()?.latency ?? [],
  });
  new Counter({
    name: 'churnlab_predictions_total',
    help: 'Predictions returned by the prediction API, by probability decile.',
    labelNames: ['model', 'version', 'decile'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const d of data()?.deciles ?? []) this.inc({ model: d.modelName, version: String(d.modelVersion), decile: d.decile }, d.count);
    },
  });
  new Gauge({
    name: 'churnlab_model_in_service',
    help: 'Model versions in service: 1 per model alias (champion, challenger).',
    labelNames: ['project', 'model', 'alias', 'version'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const a of data()?.aliases ?? []) this.set({ project: a.project, model: a.model, alias: a.alias, version: String(a.version) }, 1);
    },
  });
  new Counter({
    name: 'churnlab_jobs_total',
    help: 'Finished background jobs by type and outcome (succeeded, failed, cancelled).',
    labelNames: ['type', 'status'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const j of data()?.jobsFinished ?? []) this.inc({ type: j.type, status: j.status }, j.count);
    },
  });
  new Gauge({
    name: 'churnlab_jobs_active',
    help: 'Background jobs waiting or running, by type and status (queued, running).',
    labelNames: ['type', 'status'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const j of data()?.jobsActive ?? []) this.set({ type: j.type, status: j.status }, j.count);
    },
  });
  new AggregatedHistogram({
    name: 'churnlab_job_duration_seconds',
    help: 'Run time of finished background jobs (seconds), by type and outcome.',
    buckets: [...JOB_DURATION_BUCKETS_S],
    registers: [registry],
    series: () => data()?.jobDurations ?? [],
  });
  collectDefaultMetrics({ register: registry });
  return s;
}

const g = globalThis as unknown as { churnlabPromRegistry?: State };
function state(): State {
  g.churnlabPromRegistry ??= build();
  return g.churnlabPromRegistry;
}

/** `text/plain; version=0.0.4; charset=utf-8` (Prometheus text exposition format). */
export function metricsContentType(): string {
  return state().registry.contentType;
}

/** The exposition text of every metric above (reads the database once per call; calls are serialized). */
export async function metricsText(): Promise<string> {
  const s = state();
  const run = s.queue.then(async () => {
    s.data = await loadMetricsData([...JOB_DURATION_BUCKETS_S]);
    try {
      return await s.registry.metrics();
    } finally {
      s.data = null;
    }
  });
  s.queue = run.catch(() => undefined);
  return run;
}
