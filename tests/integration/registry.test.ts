/**
 * Model registry and the serving engine against a real PostgreSQL: registration, aliases, requests and their
 * audit trail; the prediction core (validation, scores equal to the offline predictor, reasons = TreeSHAP);
 * promotion while requests run; a database outage with a warm cache.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const TELCO = path.resolve('../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');

let t: TestDatabase;
let dataDir: string;
let project: { id: string; slug: string };
let sci: { id: string; role: string };
let approver: { id: string; role: string };
let snapshotId: string;
const runs: { gbdt?: string; gbdt2?: string; logreg?: string } = {};
let records: Record<string, unknown>[] = [];

async function train(family: 'gbdt' | 'logreg', params: Record<string, unknown>): Promise<string> {
  const { trainJob } = await import('@/lib/server/training/train-job');
  const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
  const job = await enqueueJob(trainJob, { projectId: project.id, snapshotId, family, params }, { projectId: project.id, createdById: sci.id });
  return ((await runJob(trainJob, job.id, { workerId: 'test', log: () => {} })) as { runId: string }).runId;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-registry-'));
  process.env.DATA_DIR = dataDir;
  t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  sci = { id: (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id, role: 'scientist' };
  approver = { id: (await createUser({ email: 'appr@example.com', password: 'approver-pass', role: 'approver' })).id, role: 'approver' };
  const p = await createProject(sci.id, { name: 'Registry' });
  project = { id: p.id, slug: p.slug };
  if (!existsSync(TELCO)) return;
  const { receiveUpload, commitUpload } = await import('@/lib/server/uploads/uploads');
  const req = new Request('http://localhost/u', { method: 'POST', body: await readFile(TELCO), duplex: 'half' } as RequestInit);
  const draft = await receiveUpload(project.id, sci.id, 'telco.csv', req);
  snapshotId = (await commitUpload(draft.uploadId, { name: 'Telco', target: 'Churn', positive: 'Yes' })).snapshot.id;
  runs.gbdt = await train('gbdt', { max_iter: 40 });
  runs.gbdt2 = await train('gbdt', { max_iter: 25, learning_rate: 0.2 });
  runs.logreg = await train('logreg', { epochs: 5 });
  const { loadSnapshotTable } = await import('@/lib/server/snapshots/snapshots');
  const { data } = await loadSnapshotTable(snapshotId);
  const names = data.table.columnNames();
  const cols = names.map((n) => data.table.array(n));
  for (let i = 0; i < 300; i++) {
    const r: Record<string, unknown> = {};
    names.forEach((n, j) => {
      const v = cols[j][i * 23];
      r[n] = v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : typeof v === 'bigint' ? Number(v) : v;
    });
    records.push(r);
  }
}, 240_000);

afterAll(async () => {
  const { stopBoss } = await import('@/lib/server/jobs/boss');
  await stopBoss({ graceful: false, timeout: 1000 });
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(TELCO))('model registry', () => {
  it('registers runs as numbered versions of a named model, with input schema and audit entries', async () => {
    const { registerRun, getModelDetail } = await import('@/lib/server/registry/registry');
    const v1 = await registerRun(sci, project, { runId: runs.gbdt!, note: 'first' });
    expect(v1).toMatchObject({ modelName: 'churn-model', version: 1, family: 'gbdt', registeredBy: 'sci@example.com', aliases: [] });
    expect(v1.threshold).toBeGreaterThan(0);
    expect(v1.threshold).toBeLessThan(1);
    const v2 = await registerRun(sci, project, { runId: runs.gbdt2!, threshold: 0.4 });
    expect(v2).toMatchObject({ version: 2, threshold: 0.4 });
    const v3 = await registerRun(sci, project, { runId: runs.logreg! });
    expect(v3.version).toBe(3);
    await expect(registerRun(sci, project, { runId: runs.gbdt! })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already version 1/) });
    await expect(registerRun(sci, project, { runId: 'nope' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/^runId/) });
    await expect(registerRun(sci, project, { runId: runs.gbdt!, modelName: 'bad name!' })).rejects.toThrow(/modelName/);
    await expect(registerRun(sci, project, { runId: runs.gbdt!, threshold: 2 })).rejects.toThrow(/threshold/);

    const d = await getModelDetail('churn-model');
    expect(d.model.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(d.model.champion).toBeNull();
    expect(d.transitions.filter((x) => x.action === 'registered')).toHaveLength(3);
    const { getModelCard } = await import('@/lib/server/registry/registry');
    const card = await getModelCard('churn-model', 1);
    const byName = new Map(card.inputSchema.map((f) => [f.name, f]));
    expect(byName.get('tenure')).toMatchObject({ kind: 'numeric', use: 'input' });
    expect(byName.get('Contract')).toMatchObject({ kind: 'categorical', use: 'input' });
    expect(byName.get('Contract')!.levels).toEqual(expect.arrayContaining(['Month-to-month', 'One year', 'Two year']));
    expect(byName.get('customerID')).toMatchObject({ use: 'id' });
    expect(byName.get('Churn')).toMatchObject({ use: 'ignored' });
    expect(card.features.length).toBeGreaterThan(10);
  });

  it('promotes only through aliases with a reason; requests are approved, rejected or withdrawn, all audited', async () => {
    const { setAlias, requestPromotion, decideRequest, getModelDetail } = await import('@/lib/server/registry/registry');
    const req = await requestPromotion(sci, 'churn-model', { version: 1, alias: 'champion', reason: 'best AUC so far' });
    expect(req).toMatchObject({ status: 'open', version: 1, requestedBy: 'sci@example.com' });
    await expect(requestPromotion(sci, 'churn-model', { version: 1, alias: 'champion', reason: 'again' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(decideRequest(sci, req.id, { decision: 'approve' }, false)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(decideRequest(approver, req.id, { decision: 'withdraw' }, true)).rejects.toMatchObject({ code: 'forbidden' });
    await decideRequest(approver, req.id, { decision: 'approve', note: 'looks good' }, true);
    let d = await getModelDetail('churn-model');
    expect(d.model.champion).toMatchObject({ version: 1 });
    expect(d.requests[0]).toMatchObject({ status: 'approved', decidedBy: 'appr@example.com' });
    expect(d.transitions[0]).toMatchObject({ action: 'alias_set', alias: 'champion', fromVersion: null, toVersion: 1, reason: 'looks good', actor: 'appr@example.com' });

    await expect(setAlias(approver, 'churn-model', { alias: 'champion', version: 1, reason: 'same' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(setAlias(approver, 'churn-model', { alias: 'champion', version: 9, reason: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(setAlias(approver, 'churn-model', { alias: 'champion', version: 2, reason: '' })).rejects.toThrow(/reason/);
    await setAlias(approver, 'churn-model', { alias: 'challenger', version: 2, reason: 'shadow test' });
    const r2 = await requestPromotion(sci, 'churn-model', { version: 3, alias: 'challenger', reason: 'try the linear model' });
    await decideRequest(approver, r2.id, { decision: 'reject', note: 'not now' }, true);
    const r3 = await requestPromotion(sci, 'churn-model', { version: 3, alias: 'challenger', reason: 'please' });
    await decideRequest(sci, r3.id, { decision: 'withdraw' }, false);
    d = await getModelDetail('churn-model');
    expect(d.model.challenger).toMatchObject({ version: 2 });
    expect(d.requests.map((r) => r.status)).toEqual(['withdrawn', 'rejected', 'approved']);
    expect(d.transitions.map((x) => x.action)).toEqual(expect.arrayContaining(['request_rejected', 'request_withdrawn', 'promotion_requested', 'alias_set']));
    const { db } = await import('@/lib/server/db/client');
    expect(await db().auditLog.count({ where: { target: 'model:churn-model', action: 'model.alias_set' } })).toBe(2);
  });

  it('serves the champion: scores equal the offline predictor bit for bit; reasons are the top TreeSHAP fields', async () => {
    const { resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const { runArtifact } = await import('@/lib/server/training/runs');
    const { GbdtModel } = await import('@/lib/ml/gbdt');
    const { applyRow, fittedTransformFromJSON } = await import('@/lib/features');
    const { TreeShapExplainer } = await import('@/lib/ml/explain/tree-shap');
    const served = await resolveServed(null, 'champion');
    expect(served).toMatchObject({ modelName: 'churn-model', version: 1 });
    const res = predict(served, 'champion', { customers: records });
    expect(res.model).toMatchObject({ name: 'churn-model', version: 1, alias: 'champion', reasonsMethod: 'treeshap' });
    expect(res.predictions).toHaveLength(records.length);

    const model = GbdtModel.fromJSON(JSON.parse((await runArtifact(runs.gbdt!, 'model')).body.toString()));
    const fitted = fittedTransformFromJSON(JSON.parse((await runArtifact(runs.gbdt!, 'transform')).body.toString()));
    const shap = new TreeShapExplainer(model);
    records.forEach((r, i) => {
      const x = applyRow(fitted, r);
      const p = res.predictions[i];
      expect(p.probability).toBe(model.predictProba(x));
      expect(p.label).toBe(p.probability >= served.threshold ? 1 : 0);
      expect(p.id).toBe(r.customerID);
      // reasons: aggregate TreeSHAP per raw field independently, then compare the top 3
      const phi = shap.shapValues(x);
      const byField = new Map<string, number>();
      fitted.featureSources.forEach((src, j) => src.forEach((s) => byField.set(s, (byField.get(s) ?? 0) + phi[j] / src.length)));
      const top = [...byField.entries()].filter(([, v]) => v !== 0).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 3);
      expect(p.reasons.map((x) => x.feature)).toEqual(top.map(([f]) => f));
      p.reasons.forEach((reason, k) => {
        expect(reason.contribution).toBeCloseTo(top[k][1], 12);
        expect(reason.direction).toBe(top[k][1] > 0 ? 'increases' : 'decreases');
        expect(reason.value).toEqual(r[reason.feature]);
      });
      // additivity over all fields: expected value + Σ = raw margin
      const sum = [...byField.values()].reduce((a, b) => a + b, 0);
      expect(Math.abs(shap.expectedValue + sum - model.predictRaw(x))).toBeLessThan(1e-9);
    });
    // the challenger answers too
    const ch = predict(await resolveServed('churn-model', 'challenger'), 'challenger', { customer: records[0] });
    expect(ch.model).toMatchObject({ version: 2, alias: 'challenger', threshold: 0.4 });
  });

  it('linear reasons for a tfjs logistic regression sum to its margin minus the reference margin', async () => {
    const { setAlias } = await import('@/lib/server/registry/registry');
    const { refreshServing, resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    await setAlias(approver, 'churn-model', { alias: 'challenger', version: 3, reason: 'linear baseline' });
    await refreshServing();
    const served = await resolveServed('churn-model', 'challenger');
    const res = predict(served, 'challenger', { customers: records.slice(0, 20) });
    expect(res.model).toMatchObject({ version: 3, reasonsMethod: 'linear' });
    for (const p of res.predictions) {
      expect(p.probability).toBeGreaterThan(0);
      expect(p.reasons).toHaveLength(3);
      expect(Math.abs(p.reasons[0].contribution)).toBeGreaterThanOrEqual(Math.abs(p.reasons[2].contribution));
    }
  });

  it('rejects malformed records naming the field (422) and malformed envelopes (400/413)', async () => {
    const { resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const served = await resolveServed(null, 'champion');
    const good = records[0];
    const cases: [string, unknown, number, string][] = [
      ['string for a number', { customer: { ...good, tenure: '12' } }, 422, 'customer.tenure'],
      ['missing required field', { customer: Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'Contract')) }, 422, 'customer.Contract'],
      ['unknown field', { customer: { ...good, tenur: 3 } }, 422, 'customer.tenur'],
      ['huge number', { customer: { ...good, MonthlyCharges: 1e300 } }, 422, 'customer.MonthlyCharges'],
      ['huge string', { customer: { ...good, Contract: 'x'.repeat(5000) } }, 422, 'customer.Contract'],
      ['object for a category', { customer: { ...good, Contract: { a: 1 } } }, 422, 'customer.Contract'],
      ['array record', { customers: [[1, 2]] }, 422, 'customers.0'],
      ['empty batch', { customers: [] }, 400, 'customers'],
      ['batch over the limit', { customers: Array.from({ length: 1001 }, () => good) }, 413, 'customers'],
      ['both envelopes', { customer: good, customers: [good] }, 400, '(body)'],
      ['no envelope', { tenure: 3 }, 400, 'tenure'],
      ['array body', [good], 400, '(body)'],
    ];
    for (const [what, body, status, field] of cases) {
      let err: { status?: number; details?: { issues?: { path: string }[] } } | null = null;
      try {
        predict(served, 'champion', body);
      } catch (e) {
        err = e as typeof err;
      }
      expect(err, what).not.toBeNull();
      expect(err!.status, what).toBe(status);
      expect(err!.details!.issues![0].path, what).toBe(field);
    }
  });

  it('scoring threads answer exactly as the event loop does; a dead thread is restarted and nothing fails', async () => {
    const { resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const { scoringPool } = await import('@/lib/server/serving/scoring-pool');
    const pool = scoringPool();
    expect(pool, 'SERVING_THREADS defaults to ≥ 1 on this machine').not.toBeNull();
    const served = await resolveServed(null, 'champion');
    expect(pool!.has(served.versionId)).toBe(true);
    await expect.poll(() => pool!.readyThreads(), { timeout: 30_000 }).toBe(pool!.size);
    for (const [body, reasons] of [[{ customers: records.slice(0, 50) }, true], [{ customer: records[7] }, true], [{ customers: records.slice(50, 60) }, false]] as const) {
      const answer = await pool!.predict(served.versionId, 'champion', JSON.stringify(body), reasons);
      expect(answer).toMatchObject({ ok: true, modelName: 'churn-model', version: served.version });
      const local = predict(served, 'champion', body, reasons);
      if (!answer?.ok) throw new Error('unreachable');
      expect(answer.json).toBe(JSON.stringify(local));
      expect([...answer.probabilities]).toEqual(local.predictions.map((p) => p.probability));
    }
    // client errors come back as the same AppError fields
    const bad = await pool!.predict(served.versionId, 'champion', JSON.stringify({ customer: { ...records[0], tenure: '12' } }), true);
    expect(bad).toMatchObject({ ok: false, error: { code: 'unprocessable', details: { issues: [{ path: 'customer.tenure' }] } } });
    expect(await pool!.predict(served.versionId, 'champion', '{"customer": ', true)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/not valid JSON/) } });
    expect(await pool!.predict(served.versionId, 'champion', '  ', true)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/empty/) } });
    // a version the pool never loaded is the event loop's to score
    expect(await pool!.predict('no-such-version', 'champion', JSON.stringify({ customer: records[0] }), true)).toBeNull();
    // a crash mid-request: that request comes back null (the route scores it itself), the thread restarts with the model
    const inFlight = pool!.predict(served.versionId, 'champion', JSON.stringify({ customers: records }), true);
    await pool!.killThread(0);
    expect(await inFlight).toBeNull();
    await expect.poll(() => pool!.readyThreads(), { timeout: 30_000 }).toBe(pool!.size);
    expect(pool!.restarts).toBeGreaterThanOrEqual(1);
    const again = await pool!.predict(served.versionId, 'champion', JSON.stringify({ customer: records[3] }), true);
    expect(again?.ok && again.json).toBe(JSON.stringify(predict(served, 'champion', { customer: records[3] })));
  });

  it('a batch split across scoring threads joins into the answer one thread gives; the first error wins', async () => {
    const { resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const { ScoringPool, SPLIT_MIN_BYTES } = await import('@/lib/server/serving/scoring-pool');
    const served = await resolveServed(null, 'champion');
    const pool = new ScoringPool(3);
    try {
      await pool.load({ versionId: served.versionId, modelName: served.modelName, version: served.version, init: served.init });
      await expect.poll(() => pool.readyThreads(), { timeout: 30_000 }).toBe(3);
      // ids from the records and positional ids (no id field) both come out as the unsplit answer has them
      for (const batch of [records, records.slice(0, 101).map(({ customerID: _, ...r }) => r)]) {
        const body = JSON.stringify({ customers: batch });
        expect(body.length).toBeGreaterThanOrEqual(SPLIT_MIN_BYTES);
        const answer = await pool.predict(served.versionId, 'champion', body, true);
        if (!answer?.ok) throw new Error(`split answer failed: ${JSON.stringify(answer)}`);
        expect(answer.json).toBe(JSON.stringify(predict(served, 'champion', JSON.parse(body), true)));
        expect(answer.probabilities).toHaveLength(batch.length);
      }
      // invalid records in two parts: the issues are the whole body's, as unsplit
      const bad = records.map((r, i) => (i === 250 || i === 20 ? { ...r, tenure: 'x' } : r));
      const res = await pool.predict(served.versionId, 'champion', JSON.stringify({ customers: bad }), true);
      expect(res).toMatchObject({ ok: false, error: { code: 'unprocessable', details: { issues: [{ path: 'customers.20.tenure' }, { path: 'customers.250.tenure' }] } } });
    } finally {
      await pool.close();
    }
  });

  it('swaps the champion while requests run: none fails, answers switch version', async () => {
    const { setAlias } = await import('@/lib/server/registry/registry');
    const { refreshServing, resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const seen: number[] = [];
    let stop = false;
    let errors = 0;
    const load = (async () => {
      while (!stop) {
        try {
          seen.push(predict(await resolveServed('churn-model', 'champion'), 'champion', { customer: records[1] }).model.version);
        } catch {
          errors++;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    await setAlias(approver, 'churn-model', { alias: 'champion', version: 2, reason: 'swap under load' });
    await refreshServing();
    await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await load;
    expect(errors).toBe(0);
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(2);
    expect(seen.indexOf(2)).toBeGreaterThan(0);
    // once switched, never back
    expect(seen.slice(seen.indexOf(2)).every((v) => v === 2)).toBe(true);
  });

  it('a champion this process cannot load makes it not ready, naming the version, until it loads', async () => {
    const { refreshServing, resetServingCache, servingStatus } = await import('@/lib/server/serving/serving-cache');
    const { db } = await import('@/lib/server/db/client');
    const { contentPath } = await import('@/lib/server/storage/content-store');
    const alias = await db().modelAlias.findFirstOrThrow({ where: { alias: 'champion', model: { name: 'churn-model' } }, include: { version: { include: { run: true } } } });
    const file = contentPath('artifacts', alias.version.run.artifactHash!, 'json');
    await rename(file, `${file}.away`);
    try {
      resetServingCache(); // a process starting now
      const status = await servingStatus();
      expect(status.ok).toBe(false);
      expect(status.detail).toContain(`churn-model champion v${alias.version.version}`);
    } finally {
      await rename(`${file}.away`, file);
    }
    resetServingCache();
    await refreshServing();
    expect((await servingStatus()).ok).toBe(true);
  });

  it('keeps serving the cached champion while the database is unreachable', async () => {
    const { refreshServing, resolveServed, servingStatus } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const { createPrismaClient } = await import('@/lib/server/db/client');
    const g = globalThis as unknown as { churnlabPrisma?: unknown };
    const real = g.churnlabPrisma;
    g.churnlabPrisma = createPrismaClient('postgresql://nobody:x@127.0.0.1:1/none');
    try {
      await refreshServing();
      const status = await servingStatus();
      expect(status.ok).toBe(true);
      const res = predict(await resolveServed('churn-model', 'champion'), 'champion', { customer: records[2] });
      expect(res.model.version).toBe(2);
    } finally {
      g.churnlabPrisma = real;
    }
  });
});
