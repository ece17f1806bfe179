/**
 * Monitoring against a real PostgreSQL: drift reports of a trained champion (a drifted synthetic snapshot raises
 * the drift alert, an unchanged one does not), webhook delivery with a retry after a failure (exactly once),
 * request recording through the prediction route, the Prometheus endpoint's format, SLO arithmetic from stored
 * per-minute rows, job-failure and SLO-burn rules, acknowledge/silence.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCustomers } from '@/lib/data/synthetic-customers';
import { tableFromColumns, type TableLike } from '@/lib/data/table';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
let dataDir: string;
let projectId: string;
let slug: string;
let userId: string;

/** Same generator, another seed; with `shift`, newer customers (tenure × 0.4) paying more (+25). */
function customers(n: number, seed: number, shift: boolean): TableLike {
  const base = syntheticCustomers(n, seed, 'N');
  if (!shift) return base;
  const cols: Record<string, ArrayLike<unknown>> = {};
  for (const c of base.columnNames()) cols[c] = base.array(c);
  cols.tenure = Float64Array.from(base.array('tenure') as Float64Array, (v) => Math.floor(v * 0.4));
  cols.monthly_charges = Float64Array.from(base.array('monthly_charges') as Float64Array, (v) => v + 25);
  return tableFromColumns(cols);
}

// a local webhook receiver that fails the first attempt with 500, then answers 200
const received: { status: number; body: unknown }[] = [];
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-monitor-'));
  process.env.DATA_DIR = dataDir;
  // the webhook receiver below listens on 127.0.0.1, which the SSRF guard refuses unless allowed
  process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
  t = await createTestDatabase();
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const status = received.length === 0 ? 500 : 200;
      received.push({ status, body: JSON.parse(text) });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
  userId = (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id;
  const p = await createProject(userId, { name: 'Monitor' });
  projectId = p.id;
  slug = p.slug;
  const train = await createSnapshot({ projectId, origin: 'upload', name: 'train', table: syntheticCustomers(4000, 7, 'T'), target: 'churned', positive: 'yes' });
  const { trainJob } = await import('@/lib/server/training/train-job');
  const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
  const job = await enqueueJob(trainJob, { projectId, snapshotId: train.snapshot.id, family: 'gbdt', params: { max_iter: 20 } }, { projectId });
  const { runId } = (await runJob(trainJob, job.id, { workerId: 'test', log: () => {} })) as { runId: string };
  const { registerRun, setAlias } = await import('@/lib/server/registry/registry');
  await registerRun({ id: userId, role: 'scientist' }, { id: p.id, slug: p.slug }, { runId, modelName: 'monitor-model' });
  await setAlias(null, 'monitor-model', { alias: 'champion', version: 1, reason: 'test' });
}, 300_000);

afterAll(async () => {
  const { stopRequestMetrics } = await import('@/lib/server/monitoring/request-metrics');
  stopRequestMetrics();
  await new Promise((r) => receiver.close(r));
  const { stopBoss } = await import('@/lib/server/jobs/boss');
  await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {});
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('drift reports and the drift alert', () => {
  let ruleId: string;

  it('an unchanged snapshot (same generator, another seed) does not raise the drift alert', async () => {
    const { createAlertRule } = await import('@/lib/server/monitoring/alert-rules');
    const rule = await createAlertRule(projectId, { kind: 'drift', params: { on: 'any_feature' }, webhookUrl: receiverUrl });
    ruleId = rule.id;
    expect(rule.params).toMatchObject({ on: 'any_feature', severity: 'warning', settings: {} });
    const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
    const same = await createSnapshot({ projectId, origin: 'upload', name: 'same', table: customers(2000, 12, false), target: 'churned', positive: 'yes' });
    const { runDriftReport } = await import('@/lib/server/monitoring/drift');
    const r = await runDriftReport(projectId, { snapshotId: same.snapshot.id });
    expect(r.modelName).toBe('monitor-model');
    expect(r.features.map((f) => f.name).sort()).toEqual(['contract', 'monthly_charges', 'payment_method', 'region', 'support_calls', 'tenure']);
    // reference = the 80 % training rows of 4000 (> 1000): normed Wasserstein / Jensen–Shannon at 0.1
    const tenure = r.features.find((f) => f.name === 'tenure')!;
    expect(tenure.method).toBe('wasserstein');
    expect(tenure.referenceRows).toBe(3200);
    expect(r.features.find((f) => f.name === 'contract')!.method).toBe('jensenshannon');
    expect(r.summary.drifted).toBe(0);
    expect(r.summary.datasetDrift).toBe(false);
    expect(r.summary.prediction?.drifted).toBe(false);
    for (const f of r.features) expect(f.psiVerdict).toBe('stable');
    const { db } = await import('@/lib/server/db/client');
    expect(await db().alert.count({ where: { projectId } })).toBe(0);
  }, 120_000);

  it('a drifted snapshot (tenure and monthly charges shifted) raises it once; a repeat counts an occurrence', async () => {
    const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
    const drifted = await createSnapshot({ projectId, origin: 'upload', name: 'drifted', table: customers(2000, 13, true), target: 'churned', positive: 'yes' });
    const { runDriftReport, listDriftReports } = await import('@/lib/server/monitoring/drift');
    const r = await runDriftReport(projectId, { snapshotId: drifted.snapshot.id });
    const byName = new Map(r.features.map((f) => [f.name, f]));
    expect(byName.get('tenure')!.drifted).toBe(true);
    expect(byName.get('tenure')!.psiVerdict).toBe('act');
    expect(byName.get('monthly_charges')!.drifted).toBe(true);
    expect(byName.get('contract')!.drifted).toBe(false);
    expect(r.summary.drifted).toBe(2);
    expect(r.summary.datasetDrift).toBe(false); // 2 of 6 < 50 %
    expect(r.summary.prediction?.drifted).toBe(true); // shorter tenure, higher charges → more churn predicted
    const { listAlerts } = await import('@/lib/server/monitoring/alerts');
    let alerts = await listAlerts(projectId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'drift', status: 'open', occurrences: 1, delivery: 'pending', ruleId });
    expect(alerts[0].detail.drifted).toEqual(expect.arrayContaining(['tenure', 'monthly_charges']));
    await runDriftReport(projectId, { snapshotId: drifted.snapshot.id });
    alerts = await listAlerts(projectId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].occurrences).toBe(2);
    expect((await listDriftReports(projectId)).length).toBe(3);
  }, 120_000);

  it('delivers the webhook exactly once, after a retry with backoff', async () => {
    const { deliverPendingAlerts } = await import('@/lib/server/monitoring/webhook-delivery');
    const { db } = await import('@/lib/server/db/client');
    const now = new Date();
    const first = await deliverPendingAlerts({ now, baseBackoffMs: 30_000 });
    expect(first.map((x) => x.outcome)).toEqual(['retry']);
    let a = await db().alert.findFirstOrThrow({ where: { projectId } });
    expect(a).toMatchObject({ delivery: 'pending', deliveryTries: 1, lastDeliveryError: 'HTTP 500' });
    expect(a.nextDeliveryAt!.getTime() - now.getTime()).toBe(30_000);
    // not due yet: nothing is sent
    expect(await deliverPendingAlerts({ now: new Date(now.getTime() + 10_000) })).toEqual([]);
    const second = await deliverPendingAlerts({ now: new Date(now.getTime() + 31_000) });
    expect(second.map((x) => x.outcome)).toEqual(['delivered']);
    a = await db().alert.findFirstOrThrow({ where: { projectId } });
    expect(a).toMatchObject({ delivery: 'delivered', deliveryTries: 2, nextDeliveryAt: null, lastDeliveryError: null });
    expect(await deliverPendingAlerts({ now: new Date(now.getTime() + 3_600_000) })).toEqual([]);
    expect(received.map((r) => r.status)).toEqual([500, 200]);
    const body = received[1].body as { text: string; blocks: { type: string }[] };
    expect(body.text).toMatch(/data drift in 2 of 6 features/);
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
  });

  it('acknowledge, silence and the monitor routes', async () => {
    const { listAlerts, acknowledgeAlert, silenceAlert } = await import('@/lib/server/monitoring/alerts');
    const [a] = await listAlerts(projectId);
    const s = await silenceAlert(projectId, a.id, 60);
    expect(new Date(s.silencedUntil!).getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    const k = await acknowledgeAlert(projectId, a.id, userId);
    expect(k).toMatchObject({ status: 'acknowledged', acknowledgedBy: userId });
    await expect(silenceAlert(projectId, a.id, -1)).rejects.toThrow(/minutes/);
    await expect(acknowledgeAlert('other-project', a.id, userId)).rejects.toThrow(/no alert/);
    // the inbox route with a `read` key; a bad key is refused
    const { createApiKey } = await import('@/lib/server/api-keys/api-keys');
    const { key } = await createApiKey(userId, { name: 'reader', scopes: ['read'] });
    const { GET } = await import('@/app/api/projects/[slug]/monitor/alerts/route');
    const get = (auth: string, q = '') => GET(new Request(`http://x/api/projects/${slug}/monitor/alerts${q}`, { headers: { authorization: auth } }), { params: Promise.resolve({ slug }) });
    const res = await get(`Bearer ${key}`, '?status=acknowledged');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { alerts: { id: string }[] }).alerts.map((x) => x.id)).toEqual([a.id]);
    expect((await get(`Bearer ${key}`, '?status=nope')).status).toBe(400);
    expect((await get('Bearer cl_wrong')).status).toBe(401);
  });

  it('the false-alarm check resamples the reference at the batch size', async () => {
    const { driftFalseAlarms } = await import('@/lib/server/monitoring/drift');
    const r = await driftFalseAlarms(projectId, { batchSize: 500, trials: 20 });
    expect(r.features).toHaveLength(6);
    for (const f of r.features) expect(f.fireRate).toBeLessThanOrEqual(0.1);
    const noisy = await driftFalseAlarms(projectId, { batchSize: 50, trials: 20, settings: { wassersteinThreshold: 0.02 } });
    expect(noisy.features.find((f) => f.name === 'tenure')!.fireRate).toBeGreaterThan(0.5);
  }, 120_000);
});

describe('drift of a score batch through the drift job, and the Monitor cell', () => {
  it('the drift job reports a batch: its snapshot rows and its stored probabilities', async () => {
    const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
    const snap = await createSnapshot({ projectId, origin: 'upload', name: 'to score', table: customers(1500, 21, true), target: 'churned', positive: 'yes' });
    const { runBatchScore } = await import('@/lib/server/scoring/batch-score');
    const { batchScorePayload } = await import('@/lib/server/scoring/batch-spec');
    const b = await runBatchScore(batchScorePayload.parse({ projectId, snapshotId: snap.snapshot.id, batchDate: '2026-11-20' }), { jobId: null, createdById: userId });
    const { driftJob } = await import('@/lib/server/monitoring/drift-job');
    const { jobDefinition } = await import('@/lib/server/jobs/registry');
    expect(jobDefinition('drift')).toBe(driftJob);
    const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
    const job = await enqueueJob(driftJob, { projectId, batchId: b.batchId }, { projectId });
    const out = (await runJob(driftJob, job.id, { workerId: 'test', log: () => {} })) as { reportId: string; drifted: number };
    expect(out.drifted).toBeGreaterThanOrEqual(2);
    const { db } = await import('@/lib/server/db/client');
    const report = await db().driftReport.findUniqueOrThrow({ where: { id: out.reportId } });
    expect(report).toMatchObject({ subjectKind: 'batch', subjectId: b.batchId });
    const pred = (report.summary as { prediction: { currentRows: number; drifted: boolean } }).prediction;
    expect(pred.currentRows).toBe(1500);
    expect(pred.drifted).toBe(true);
    const { runDriftReport } = await import('@/lib/server/monitoring/drift');
    await expect(runDriftReport(projectId, { batchId: 'nope' })).rejects.toThrow(/no score batch/);

    // realized performance: outcomes arrive in a later snapshot; here the labels are reversed in order, so they
    // no longer follow the features (realized AUC ≈ 0.5, a clear drop from training)
    const scored = customers(1500, 21, true);
    const cols: Record<string, ArrayLike<unknown>> = {};
    for (const c of scored.columnNames()) cols[c] = scored.array(c);
    cols.churned = Array.from(scored.array('churned')).reverse();
    const outcomes = await createSnapshot({ projectId, origin: 'upload', name: 'outcomes', table: tableFromColumns(cols), target: 'churned', positive: 'yes' });
    // the outcomes arriving queued a `realized` job (the batch predates the snapshot); running it stores the row
    const realizedJobRow = await db().job.findFirstOrThrow({ where: { projectId, type: 'realized' } });
    expect(realizedJobRow.payload).toMatchObject({ projectId, outcomeSnapshotId: outcomes.snapshot.id, maxBatches: 12 });
    const { realizedJob } = await import('@/lib/server/monitoring/realized-job');
    expect(jobDefinition('realized')).toBe(realizedJob);
    const ran = (await runJob(realizedJob, realizedJobRow.id, { workerId: 'test', log: () => {} })) as { evaluated: { batchId: string; matched: number }[]; skipped: unknown[] };
    expect(ran.evaluated).toEqual([expect.objectContaining({ batchId: b.batchId, matched: 1500, batchDate: '2026-11-20' })]);
    const { realizedPerformance, evaluateRealized, listRealized } = await import('@/lib/server/monitoring/realized');
    const stored = await listRealized(projectId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ batchId: b.batchId, outcomeSnapshotId: outcomes.snapshot.id, modelName: 'monitor-model', modelVersion: 1, matched: 1500 });
    expect(stored[0].calibration.reduce((a, c) => a + c.count, 0)).toBe(1500); // non-empty bins of 10
    const rp = await realizedPerformance(projectId, b.batchId, outcomes.snapshot.id);
    expect(rp.id).toBe(stored[0].id); // upserted: one row per batch × outcome snapshot
    expect(await db().realizedPerformance.count({ where: { projectId } })).toBe(1);
    expect(rp.matched).toBe(1500);
    expect(rp.trainingAuc).toBeGreaterThan(0.65);
    expect(Math.abs(rp.rocAuc! - 0.5)).toBeLessThan(0.06);
    expect(rp.calibration.reduce((a, c) => a + c.count, 0)).toBe(1500);
    const drop = rp.trainingAuc! - rp.rocAuc!;
    const { createAlertRule } = await import('@/lib/server/monitoring/alert-rules');
    await createAlertRule(projectId, { kind: 'auc_drop', params: { maxDrop: Math.min(0.9, drop + 0.05) } });
    expect(await evaluateRealized(projectId, rp)).toBe(0);
    await createAlertRule(projectId, { kind: 'auc_drop', params: { maxDrop: 0.05 } });
    expect(await evaluateRealized(projectId, rp)).toBe(1);
    expect(await evaluateRealized(projectId, rp)).toBe(0); // deduplicated while open
    // the history route for the chart; the on-demand POST still answers with the alerts raised
    const { createApiKey } = await import('@/lib/server/api-keys/api-keys');
    const { key } = await createApiKey(userId, { name: 'realized reader', scopes: ['read'] });
    const route = await import('@/app/api/projects/[slug]/monitor/realized/route');
    const res = await route.GET(new Request(`http://x/api/projects/${slug}/monitor/realized?limit=10`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ slug }) });
    expect(res.status).toBe(200);
    const list = ((await res.json()) as { realized: { batchDate: string; rocAuc: number }[] }).realized;
    expect(list.map((r) => r.batchDate)).toEqual(['2026-11-20']);
    expect(list[0].rocAuc).toBeCloseTo(rp.rocAuc!, 12);
    const bad = await route.GET(new Request(`http://x/api/projects/${slug}/monitor/realized?limit=0`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ slug }) });
    expect(bad.status).toBe(400);
    // a snapshot without any overlapping customer skips the batch instead of failing the job
    const { realizeOutcomeSnapshot } = await import('@/lib/server/monitoring/realized-job');
    const stranger = await createSnapshot({ projectId, origin: 'upload', name: 'strangers', table: syntheticCustomers(300, 99, 'Z'), target: 'churned', positive: 'yes' });
    const skip = await realizeOutcomeSnapshot({ projectId, outcomeSnapshotId: stranger.snapshot.id, maxBatches: 12 });
    expect(skip.evaluated).toEqual([]);
    expect(skip.skipped).toEqual([expect.objectContaining({ batchId: b.batchId, reason: expect.stringMatching(/none of the batch's 1500 customers/) })]);
  }, 180_000);

  it('the Monitor cell renders the latest report, SLOs, the inbox and the rules', async () => {
    const { loadMonitorView } = await import('@/lib/server/monitoring/monitor-view');
    const view = await loadMonitorView(projectId);
    expect(view.batches).toHaveLength(1);
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const { MonitorCell } = await import('@/components/monitor/monitor-cell');
    const html = renderToString(createElement(MonitorCell, { projectSlug: slug, canEdit: true, ...view }));
    expect(html).toContain('Data and prediction drift');
    expect(html).toContain('normed Wasserstein');
    expect(html).toContain('aria-label="alert inbox"');
    expect(html).toContain('Prediction API SLOs');
    expect(html).toContain('False-alarm check');
  });
});

describe('request metrics, the Prometheus endpoint and SLOs', () => {
  it('the prediction route is timed and recorded (status, served model, deciles); flushed to RequestMetric', async () => {
    const { createApiKey } = await import('@/lib/server/api-keys/api-keys');
    const { key } = await createApiKey(userId, { name: 'crm', scopes: ['predict'] });
    const { POST } = await import('@/app/api/v1/predict/route');
    const table = syntheticCustomers(5, 3);
    const cols = table.columnNames().filter((c) => c !== 'churned');
    const customersBody = Array.from({ length: 5 }, (_, i) => Object.fromEntries(cols.map((c) => [c, ((v) => (typeof v === 'number' && Number.isNaN(v) ? null : v))(table.array(c)[i])])));
    const call = (body: unknown) => POST(new Request('http://x/api/v1/predict', { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
    expect((await call({ customers: customersBody })).status).toBe(200);
    expect((await call({ customers: [{ tenur: 1 }] })).status).toBe(422);
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
