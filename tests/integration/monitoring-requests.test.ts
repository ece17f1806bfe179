/**
 * Request monitoring against a real PostgreSQL, with a trained champion: the prediction route's requests are
 * timed and recorded (and kept when a flush fails), the Prometheus endpoint's format and figures, SLO arithmetic
 * from stored per-minute rows, and the SLO-burn and job-failure alert rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCustomers } from '@/lib/data/synthetic-customers';
import { setUpMonitoredChampion } from '../helpers/monitored-champion';
import { serveNodeRoute } from '../helpers/node-route-server';
import type { TestProject } from '../helpers/test-project';

let world: TestProject;
let projectId: string;
let userId: string;

beforeAll(async () => {
  world = await setUpMonitoredChampion();
  projectId = world.project.id;
  userId = world.sci.id;
}, 300_000);

afterAll(async () => {
  await world?.close();
});

describe('request metrics, the Prometheus endpoint and SLOs', () => {
  it('the prediction route is timed and recorded (status, served model, deciles); flushed to RequestMetric', async () => {
    const { createApiKey } = await import('@/lib/server/api-keys/api-keys');
    const { key } = await createApiKey(userId, { name: 'crm', scopes: ['predict'] });
    const { default: route } = await import('@/pages/api/v1/predict');
    const server = await serveNodeRoute(route);
    const table = syntheticCustomers(5, 3);
    const cols = table.columnNames().filter((c) => c !== 'churned');
    const customersBody = Array.from({ length: 5 }, (_, i) => Object.fromEntries(cols.map((c) => [c, ((v) => (typeof v === 'number' && Number.isNaN(v) ? null : v))(table.array(c)[i])])));
    const call = (body: unknown) => fetch(`${server.url}/api/v1/predict`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    try {
      expect((await call({ customers: customersBody })).status).toBe(200);
      expect((await call({ customers: [{ tenur: 1 }] })).status).toBe(422);
    } finally {
      await server.close();
    }
    const { flushRequestMetrics, pendingRequestMetrics } = await import('@/lib/server/monitoring/request-metrics');
    expect(pendingRequestMetrics()).toBe(2);
    await flushRequestMetrics();
    expect(pendingRequestMetrics()).toBe(0);
    const { db } = await import('@/lib/server/db/client');
    const rows = await db().requestMetric.findMany({ orderBy: { statusClass: 'asc' } });
    expect(rows.map((r) => [r.statusClass, r.count, r.modelName, r.modelVersion])).toEqual([
      ['2xx', 1, 'monitor-model', 1],
      ['4xx', 1, 'monitor-model', 1],
    ]);
    expect(rows[0].probHist.reduce((a, b) => a + b, 0)).toBe(5);
    expect(rows[1].probHist.reduce((a, b) => a + b, 0)).toBe(0);
    expect(rows[0].latencyHist.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('a failed flush keeps the counts for the next one', async () => {
    const m = await import('@/lib/server/monitoring/request-metrics');
    const { db } = await import('@/lib/server/db/client');
    m.recordRequest({ route: '/api/v1/predict', status: 200, latencyMs: 3, modelName: 'monitor-model', modelVersion: 1, probabilities: [0.5] });
    const orig = db().requestMetric.createMany;
    (db().requestMetric as unknown as { createMany: unknown }).createMany = async () => {
      throw new Error('database down');
    };
    try {
      expect(await m.flushRequestMetrics()).toBe(0);
    } finally {
      (db().requestMetric as unknown as { createMany: unknown }).createMany = orig;
    }
    expect(m.pendingRequestMetrics()).toBe(1);
    expect(await m.flushRequestMetrics()).toBe(1);
  });

  it('/api/metrics: Prometheus text format with requests, latency buckets, model in service, deciles, jobs', async () => {
    const { metricsText } = await import('@/lib/server/monitoring/metrics-endpoint');
    const text = await metricsText();
    const lines = text.trimEnd().split('\n');
    // every line is a HELP/TYPE comment or `name{labels} value` (prom-client separates families by a blank line and writes NaN as `Nan`, which Prometheus parses case-insensitively)
    for (const l of lines.filter(Boolean)) expect(l).toMatch(/^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|NaN|Nan))$/);
    expect(text).toContain('# TYPE churnlab_prediction_requests_total counter');
    expect(text).toContain('churnlab_prediction_requests_total{route="/api/v1/predict",status_class="2xx",model="monitor-model",version="1"} 2');
    expect(text).toContain('churnlab_prediction_requests_total{route="/api/v1/predict",status_class="4xx",model="monitor-model",version="1"} 1');
    expect(text).toContain('# TYPE churnlab_prediction_latency_seconds histogram');
    expect(text).toContain('churnlab_prediction_latency_seconds_bucket{route="/api/v1/predict",le="+Inf"} 3');
    expect(text).toContain('churnlab_prediction_latency_seconds_count{route="/api/v1/predict"} 3');
    // cumulative buckets never decrease
    const buckets = lines.filter((l) => l.startsWith('churnlab_prediction_latency_seconds_bucket')).map((l) => Number(l.split(' ').pop()));
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]).toBeGreaterThanOrEqual(buckets[i - 1]);
    expect(text).toMatch(/churnlab_model_in_service\{project="[^"]+",model="monitor-model",alias="champion",version="1"\} 1/);
    const decileTotal = lines.filter((l) => l.startsWith('churnlab_predictions_total{')).reduce((a, l) => a + Number(l.split(' ').pop()), 0);
    expect(decileTotal).toBe(6);
    expect(text).toMatch(/churnlab_jobs_total\{type="train",status="succeeded"\} 1/);
    expect(text).toMatch(/churnlab_job_duration_seconds_count\{type="train",status="succeeded"\} 1/);
    // the route: a `read` key gets text/plain 0.0.4, no credentials get 401
    const { createApiKey } = await import('@/lib/server/api-keys/api-keys');
    const { key } = await createApiKey(userId, { name: 'prometheus', scopes: ['read'] });
    const { GET } = await import('@/app/api/metrics/route');
    const ok = await GET(new Request('http://x/api/metrics', { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await ok.text()).toContain('churnlab_prediction_requests_total');
    expect((await GET(new Request('http://x/api/metrics', { headers: { authorization: 'Bearer cl_wrong' } }), { params: Promise.resolve({}) })).status).toBe(401);
  });

  it('SLO arithmetic from stored rows, and the SLO burn rule raises then resolves', async () => {
    const { db } = await import('@/lib/server/db/client');
    const { LATENCY_BUCKETS_MS } = await import('@/lib/monitoring/slo');
    await db().requestMetric.deleteMany({});
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30_000);
    const hist = (n: number) => [0, n, ...new Array(LATENCY_BUCKETS_MS.length - 1).fill(0)];
    const rows = [];
    // 60 minutes × 1000 requests; the last 5 minutes 2 % errors → 5-min burn 20, 1-h burn 20·5/60 ≈ 1.67
    for (let k = 0; k < 60; k++) {
      const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - k * 60_000);
      const bad = k < 5 ? 20 : 0;
      rows.push({ minute, route: '/api/v1/predict', modelName: 'monitor-model', modelVersion: 1, statusClass: '2xx', count: 1000 - bad, latencyHist: hist(1000 - bad) });
      if (bad) rows.push({ minute, route: '/api/v1/predict', modelName: 'monitor-model', modelVersion: 1, statusClass: '5xx', count: bad, latencyHist: hist(bad) });
    }
    await db().requestMetric.createMany({ data: rows });
    const { projectSlo } = await import('@/lib/server/monitoring/slo-summary');
    const slo = await projectSlo(projectId, now);
    expect(slo.availability.total).toBe(60_000);
    expect(slo.availability.bad).toBe(100);
    expect(slo.availability.ratio).toBeCloseTo(1 - 100 / 60_000, 12);
    // budget over the period: 1 − (100/60000)/0.001 = −0.667 (overspent)
    expect(slo.availability.budgetRemaining).toBeCloseTo(1 - 100 / 60_000 / 0.001, 9);
    const w1h = slo.availability.burn.find((b) => b.window === '1h')!;
    expect(w1h.shortBurn).toBeCloseTo(20, 9);
    expect(w1h.longBurn).toBeCloseTo(100 / 60_000 / 0.001, 9);
    expect(w1h.firing).toBe(false);
    expect(slo.latency.ratio).toBe(1);
    expect(slo.latency.p95Ms).toBeLessThanOrEqual(10);

    const { createAlertRule } = await import('@/lib/server/monitoring/alert-rules');
    // a stricter objective (99.99 %): 1-h burn 16.7 ≥ 14.4 and 5-min burn 200 → fires
    await createAlertRule(projectId, { kind: 'slo_burn', params: { sli: 'availability', availability: 0.9999 } });
    const { evaluateAlertRules, listAlerts } = await import('@/lib/server/monitoring/alerts');
    expect((await evaluateAlertRules(now)).raised).toBe(1);
    expect((await evaluateAlertRules(now)).raised).toBe(0); // deduplicated
    const slo1 = (await listAlerts(projectId, { status: 'active' })).filter((a) => a.kind === 'slo_burn');
    expect(slo1).toHaveLength(1);
    expect(slo1[0]).toMatchObject({ severity: 'critical', occurrences: 2, delivery: 'none' });
    await db().requestMetric.deleteMany({ where: { statusClass: '5xx' } });
    expect((await evaluateAlertRules(now)).resolved).toBe(1);
  });

  it('a failed job raises one job-failure alert', async () => {
    const { db } = await import('@/lib/server/db/client');
    const { createAlertRule } = await import('@/lib/server/monitoring/alert-rules');
    await createAlertRule(projectId, { kind: 'job_failure' });
    await db().job.create({ data: { id: 'job-failed-1', projectId, type: 'batch-score', version: 1, payload: {}, status: 'failed', error: 'disk full', startedAt: new Date(Date.now() - 5000), finishedAt: new Date() } });
    const { evaluateAlertRules, listAlerts } = await import('@/lib/server/monitoring/alerts');
    expect((await evaluateAlertRules()).raised).toBe(1);
    const [a] = (await listAlerts(projectId)).filter((x) => x.kind === 'job_failure');
    expect(a).toMatchObject({ title: 'batch-score job failed', status: 'open' });
    await db().alert.update({ where: { id: a.id }, data: { status: 'resolved' } });
    expect((await evaluateAlertRules()).raised).toBe(0); // once per failed job, even after it is resolved
    const { createAlertRule: c } = await import('@/lib/server/monitoring/alert-rules');
    await expect(c(projectId, { kind: 'slo_burn', params: { latencyThresholdMs: 99 } })).rejects.toThrow(/latencyThresholdMs/);
    await expect(c(projectId, { kind: 'drift', webhookUrl: 'ftp://x' })).rejects.toThrow();
  });
});
