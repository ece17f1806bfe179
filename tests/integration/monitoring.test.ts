/**
 * Monitoring against a real PostgreSQL: drift reports of a trained champion (a drifted synthetic snapshot raises
 * the drift alert, an unchanged one does not), webhook delivery with a retry after a failure (exactly once),
 * acknowledge/silence, the drift of a score batch, and the Monitor cell. Request metrics, the Prometheus endpoint,
 * SLOs and the job-failure rule: monitoring-requests.test.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticCustomers } from '@/lib/data/synthetic-customers';
import { tableFromColumns, type TableLike } from '@/lib/data/table';
import { setUpMonitoredChampion } from '../helpers/monitored-champion';
import type { TestProject } from '../helpers/test-project';

let world: TestProject;
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
  // the webhook receiver below listens on 127.0.0.1, which the SSRF guard refuses unless allowed
  process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
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
  world = await setUpMonitoredChampion();
  ({ id: projectId, slug } = world.project);
  userId = world.sci.id;
}, 300_000);

afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await world?.close();
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
