/**
 * Model registry against a real PostgreSQL: registration, aliases, requests and their audit trail; the prediction
 * core (validation, scores equal to the offline predictor, reasons = TreeSHAP, linear reasons). The serving
 * engine (scoring threads, swaps under load, readiness, a database outage): serving-engine.test.ts.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpTelcoProject, TELCO, type TelcoProject } from '../helpers/telco-project';

let world: TelcoProject;
let project: { id: string; slug: string };
let sci: { id: string; role: string };
let approver: { id: string; role: string };
const runs: { gbdt?: string; gbdt2?: string; logreg?: string } = {};
let records: Record<string, unknown>[] = [];

beforeAll(async () => {
  world = await setUpTelcoProject('Registry');
  ({ project, sci, approver, records } = world);
  if (!existsSync(TELCO)) return;
  runs.gbdt = await world.train('gbdt', { max_iter: 40 });
  runs.gbdt2 = await world.train('gbdt', { max_iter: 25, learning_rate: 0.2 });
  runs.logreg = await world.train('logreg', { epochs: 5 });
}, 240_000);

afterAll(async () => {
  await world?.close();
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
});
