/**
 * The prediction API over real HTTP against the running server: a Telco model trained, registered and promoted
 * through the API; keys (401/403), ≥ 30 malformed bodies (4xx naming the field, never 5xx), scores and reasons,
 * the challenger alias, role checks of the registry, and a promotion while requests run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, request as pwRequest, test, type APIRequestContext } from '@playwright/test';
import { type RoleName, storageFor, TELCO } from '../helpers';

const MODEL = `api-e2e-${Date.now()}`;

let ctx: Record<RoleName, APIRequestContext>;
let anon: APIRequestContext;
let slug = '';
let predictKey = '';
let readKey = '';
let rows: Record<string, unknown>[] = [];

function telcoRecords(n: number): Record<string, unknown>[] {
  const lines = readFileSync(TELCO, 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const numeric = new Set(['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges']);
  return lines.slice(1, n + 1).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(head.map((h, i) => [h, numeric.has(h) ? (cells[i].trim() === '' ? null : Number(cells[i])) : cells[i]]));
  });
}

async function json<T>(res: { status(): number; text(): Promise<string> }, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  return JSON.parse(text) as T;
}

async function trainRun(params: Record<string, unknown>, snapshotId: string): Promise<string> {
  const job = await json<{ id: string }>(await ctx.scientist.post(`/api/projects/${slug}/runs`, { data: { snapshotId, family: 'gbdt', params } }), 202);
  for (let i = 0; i < 240; i++) {
    const j = (await (await ctx.scientist.get(`/api/jobs/${job.id}`)).json()) as { status: string; error: string | null; result: { runId: string } | null };
    if (j.status === 'succeeded') return j.result!.runId;
    if (j.status === 'failed' || j.status === 'cancelled') throw new Error(`training ${j.status}: ${j.error}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('training did not finish');
}

const predictUrl = (alias = 'champion') => `/api/v1/predict?model=${MODEL}&alias=${alias}`;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(600_000);
  test.skip(!existsSync(TELCO), 'the Telco CSV is not beside the repo');
  const make = (role: RoleName) => pwRequest.newContext({ baseURL, storageState: storageFor(role) });
  ctx = { viewer: await make('viewer'), scientist: await make('scientist'), approver: await make('approver'), admin: await make('admin') };
  anon = await pwRequest.newContext({ baseURL });
  const project = await json<{ slug: string }>(await ctx.scientist.post('/api/projects', { data: { name: `Predict API ${Date.now()}` } }), 201);
  slug = project.slug;
  const draft = await json<{ uploadId: string }>(await ctx.scientist.post(`/api/projects/${slug}/uploads?filename=telco.csv`, { data: readFileSync(TELCO), headers: { 'content-type': 'text/csv' } }), 201);
  const snap = await json<{ id: string }>(await ctx.scientist.post(`/api/uploads/${draft.uploadId}/commit`, { data: { name: 'Telco', target: 'Churn', positive: 'Yes' } }), 201);
  const run1 = await trainRun({ max_iter: 30 }, snap.id);
  const run2 = await trainRun({ max_iter: 20, learning_rate: 0.2 }, snap.id);

  // Registry permissions: a viewer cannot register, a scientist can; a scientist cannot promote, an approver can.
  expect((await ctx.viewer.post(`/api/projects/${slug}/models`, { data: { runId: run1, modelName: MODEL } })).status()).toBe(403);
  await json(await ctx.scientist.post(`/api/projects/${slug}/models`, { data: { runId: run1, modelName: MODEL } }), 201);
  await json(await ctx.scientist.post(`/api/projects/${slug}/models`, { data: { runId: run2, modelName: MODEL, threshold: 0.35 } }), 201);
  expect((await ctx.scientist.post(`/api/models/${MODEL}/aliases`, { data: { alias: 'champion', version: 1, reason: 'mine' } })).status()).toBe(403);
  await json(await ctx.approver.post(`/api/models/${MODEL}/aliases`, { data: { alias: 'champion', version: 1, reason: 'first approved model' } }), 200);
  await json(await ctx.approver.post(`/api/models/${MODEL}/aliases`, { data: { alias: 'challenger', version: 2, reason: 'shadow' } }), 200);

  predictKey = (await json<{ key: string }>(await ctx.scientist.post('/api/keys', { data: { name: `predict ${MODEL}`, scopes: ['predict'] } }), 201)).key;
  readKey = (await json<{ key: string }>(await ctx.scientist.post('/api/keys', { data: { name: `read ${MODEL}`, scopes: ['read'] } }), 201)).key;
  rows = telcoRecords(120);
});

test.afterAll(async () => {
  for (const c of Object.values(ctx ?? {})) await c.dispose();
  await anon?.dispose();
});

test('scores one customer and a batch: probability, label at the threshold, 3 reasons with direction', async () => {
  const one = await json<{ model: { name: string; version: number; threshold: number }; predictions: { id: unknown; probability: number; label: number; reasons: { feature: string; direction: string }[] }[] }>(
    await anon.post(predictUrl(), { data: { customer: rows[0] }, headers: bearer(predictKey) }),
    200,
  );
  expect(one.model).toMatchObject({ name: MODEL, version: 1, alias: 'champion', reasonsMethod: 'treeshap' });
  expect(one.predictions[0].id).toBe(rows[0].customerID);
  expect(one.predictions[0].reasons).toHaveLength(3);
  const fields = new Set(Object.keys(rows[0]));
  for (const r of one.predictions[0].reasons) {
    expect(fields.has(r.feature)).toBe(true);
    expect(['increases', 'decreases']).toContain(r.direction);
  }
  const batch = await json<typeof one>(await anon.post(predictUrl(), { data: { customers: rows.slice(0, 100) }, headers: bearer(predictKey) }), 200);
  expect(batch.predictions).toHaveLength(100);
  expect(batch.predictions[0].probability).toBe(one.predictions[0].probability);
  for (const p of batch.predictions) {
    expect(p.probability).toBeGreaterThan(0);
    expect(p.probability).toBeLessThan(1);
    expect(p.label).toBe(p.probability >= batch.model.threshold ? 1 : 0);
  }
  expect(new Set(batch.predictions.map((p) => p.label)).size).toBe(2);
  const ch = await json<typeof one>(await anon.post(predictUrl('challenger'), { data: { customer: rows[0] }, headers: bearer(predictKey) }), 200);
  expect(ch.model).toMatchObject({ version: 2, alias: 'challenger', threshold: 0.35 });
  const champ = await json<{ inputSchema: { name: string; use: string }[] }>(await anon.get(`/api/v1/models/champion?model=${MODEL}`, { headers: bearer(predictKey) }), 200);
  expect(champ.inputSchema.find((f) => f.name === 'tenure')).toMatchObject({ use: 'input' });
});

test('keys: missing, invalid and revoked → 401; wrong scope → 403', async () => {
  const body = { data: { customer: rows[0] } };
  expect((await anon.post(predictUrl(), body)).status()).toBe(401);
  expect((await anon.post(predictUrl(), { ...body, headers: bearer('cl_' + 'x'.repeat(43)) })).status()).toBe(401);
  expect((await anon.post(predictUrl(), { ...body, headers: { authorization: 'Basic abc' } })).status()).toBe(401);
  expect((await anon.post(predictUrl(), { ...body, headers: bearer(readKey) })).status()).toBe(403);
  const temp = await json<{ key: string; apiKey: { id: string } }>(await ctx.scientist.post('/api/keys', { data: { name: 'temp', scopes: ['predict'] } }), 201);
  expect((await anon.post(predictUrl(), { ...body, headers: bearer(temp.key) })).status()).toBe(200);
  await json(await ctx.scientist.delete(`/api/keys/${temp.apiKey.id}`), 200);
  const revoked = await anon.post(predictUrl(), { ...body, headers: bearer(temp.key) });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.message).toMatch(/revoked/);
});

test('malformed bodies → 4xx naming the field, never 5xx', async () => {
  const good = rows[0];
  const without = (k: string) => Object.fromEntries(Object.entries(good).filter(([x]) => x !== k));
  const big = Array.from({ length: 1001 }, () => good);
  const cases: { what: string; body: string | object; status: number; field: RegExp }[] = [
    { what: 'invalid JSON', body: '{"customer": {', status: 400, field: /JSON/ },
    { what: 'NaN literal', body: '{"customer": {"tenure": NaN}}', status: 400, field: /JSON/ },
    { what: 'empty body', body: '', status: 400, field: /empty|\(body\)/ },
    { what: 'JSON null', body: 'null', status: 400, field: /\(body\)/ },
    { what: 'JSON array', body: [good], status: 400, field: /\(body\)/ },
    { what: 'JSON string', body: '"hello"', status: 400, field: /\(body\)/ },
    { what: 'no envelope', body: good, status: 400, field: /customerID|gender|unknown field/ },
    { what: 'both envelopes', body: { customer: good, customers: [good] }, status: 400, field: /either/ },
    { what: 'extra top-level field', body: { customer: good, debug: true }, status: 400, field: /debug/ },
    { what: 'customers not an array', body: { customers: good }, status: 400, field: /customers/ },
    { what: 'customer is an array', body: { customer: [good] }, status: 422, field: /customer/ },
    { what: 'customer is a string', body: { customer: 'x' }, status: 422, field: /customer/ },
    { what: 'customer is null', body: { customer: null }, status: 422, field: /customer/ },
    { what: 'empty batch', body: { customers: [] }, status: 400, field: /customers/ },
    { what: 'batch over the limit', body: { customers: big }, status: 413, field: /customers|1000|1,000/ },
    { what: 'array inside a batch', body: { customers: [good, [1, 2]] }, status: 422, field: /customers\.1/ },
    { what: 'string for a number', body: { customer: { ...good, tenure: '12' } }, status: 422, field: /customer\.tenure/ },
    { what: 'boolean for a number', body: { customer: { ...good, MonthlyCharges: true } }, status: 422, field: /customer\.MonthlyCharges/ },
    { what: 'array for a number', body: { customer: { ...good, tenure: [1] } }, status: 422, field: /customer\.tenure/ },
    { what: 'object for a number', body: { customer: { ...good, tenure: { v: 1 } } }, status: 422, field: /customer\.tenure/ },
    { what: 'huge number', body: { customer: { ...good, TotalCharges: 1e300 } }, status: 422, field: /customer\.TotalCharges/ },
    { what: 'overflowing number', body: `{"customer": ${JSON.stringify({ ...good, tenure: 0 }).replace('"tenure":0', '"tenure":1e999')}}`, status: 422, field: /customer\.tenure/ },
    { what: 'negative huge number', body: { customer: { ...good, MonthlyCharges: -1e20 } }, status: 422, field: /customer\.MonthlyCharges/ },
    { what: 'huge string', body: { customer: { ...good, Contract: 'x'.repeat(100_000) } }, status: 422, field: /customer\.Contract/ },
    { what: 'object for a category', body: { customer: { ...good, Contract: { a: 1 } } }, status: 422, field: /customer\.Contract/ },
    { what: 'array for a category', body: { customer: { ...good, PaymentMethod: ['a'] } }, status: 422, field: /customer\.PaymentMethod/ },
    { what: 'missing field', body: { customer: without('tenure') }, status: 422, field: /customer\.tenure/ },
    { what: 'missing field in a batch', body: { customers: [good, without('Contract')] }, status: 422, field: /customers\.1\.Contract/ },
    { what: 'unknown field (typo)', body: { customer: { ...without('tenure'), tenur: 5 } }, status: 422, field: /customer\.tenur\b/ },
    { what: 'object as id', body: { customer: { ...good, customerID: { x: 1 } } }, status: 422, field: /customer\.customerID/ },
    { what: 'body over the size limit', body: { customers: [{ ...good, notes: 'y'.repeat(3_000_000) }] }, status: 413, field: /over/ },
    { what: 'unknown alias', body: { customer: good }, status: 400, field: /alias/ },
  ];
  expect(cases.length).toBeGreaterThanOrEqual(30);
  const failures: string[] = [];
  for (const c of cases) {
    const url = c.what === 'unknown alias' ? `/api/v1/predict?model=${MODEL}&alias=bogus` : predictUrl();
    const data = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
    const res = await anon.post(url, { data, headers: { ...bearer(predictKey), 'content-type': 'application/json' } });
    const text = await res.text();
    if (res.status() !== c.status || !c.field.test(text)) failures.push(`${c.what}: ${res.status()} ${text.slice(0, 200)}`);
  }
  expect(failures).toEqual([]);
});

test('an approver promotes while requests run: every request succeeds and answers switch version', async () => {
  test.setTimeout(120_000);
  const seen: number[] = [];
  const errors: string[] = [];
  let stop = false;
  // 6 workers, each at most one request per 40 ms: ≤ 150 req/s, within the key's rate limit (200/s by default)
  const worker = async () => {
    while (!stop) {
      const next = new Promise((r) => setTimeout(r, 40));
      const res = await anon.post(predictUrl(), { data: { customer: rows[seen.length % rows.length] }, headers: bearer(predictKey) });
      if (res.status() !== 200) errors.push(`${res.status()} ${await res.text()}`);
      else seen.push(((await res.json()) as { model: { version: number } }).model.version);
      await next;
    }
  };
  const workers = Array.from({ length: 6 }, worker);
  await new Promise((r) => setTimeout(r, 500));
  await json(await ctx.approver.post(`/api/models/${MODEL}/aliases`, { data: { alias: 'champion', version: 2, reason: 'swap under load' } }), 200);
  await new Promise((r) => setTimeout(r, 1500));
  stop = true;
  await Promise.all(workers);
  expect(errors).toEqual([]);
  expect(seen[0]).toBe(1);
  expect(seen.at(-1)).toBe(2);
  const detail = (await (await ctx.viewer.get(`/api/models/${MODEL}`)).json()) as { transitions: { action: string; alias: string; fromVersion: number; toVersion: number; reason: string; actor: string }[] };
  expect(detail.transitions.find((t) => t.alias === 'champion' && t.toVersion === 2)).toMatchObject({ alias: 'champion', fromVersion: 1, toVersion: 2, reason: 'swap under load', actor: 'approver@churnlab.local' });
});

test('the OpenAPI document and readiness describe the served champion', async () => {
  const doc = await json<{ openapi: string; paths: Record<string, unknown> }>(await anon.get('/api/openapi.json'), 200);
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.paths['/api/v1/predict']).toBeTruthy();
  const ready = await json<{ ready: boolean; checks: { champion: { ok: boolean } }; models: { name: string; alias: string; loaded: boolean }[] }>(await anon.get('/api/ready'), 200);
  expect(ready.checks.champion.ok).toBe(true);
  expect(ready.models).toEqual(expect.arrayContaining([expect.objectContaining({ name: MODEL, alias: 'champion', loaded: true })]));
});

test('batch scoring through the API: every customer scored once, ranked by risk, exports download safely', async () => {
  test.setTimeout(300_000);
  expect((await ctx.viewer.post(`/api/projects/${slug}/score-batches`, { data: { modelName: MODEL } })).status()).toBe(403);
  const job = await json<{ id: string }>(await ctx.scientist.post(`/api/projects/${slug}/score-batches`, { data: { modelName: MODEL } }), 202);
  let status = '';
  for (let i = 0; i < 240 && status !== 'succeeded'; i++) {
    const j = (await (await ctx.scientist.get(`/api/jobs/${job.id}`)).json()) as { status: string; error: string | null };
    status = j.status;
    if (status === 'failed' || status === 'cancelled') throw new Error(`batch ${status}: ${j.error}`);
    if (status !== 'succeeded') await new Promise((r) => setTimeout(r, 1000));
  }
  const { batches } = await json<{ batches: { id: string; status: string; rowCount: number; modelVersion: number; hasExports: boolean; stats: { explained: number } }[] }>(await ctx.viewer.get(`/api/projects/${slug}/score-batches`), 200);
  expect(batches[0]).toMatchObject({ status: 'succeeded', rowCount: 7043, modelVersion: 2, hasExports: true });
  expect(batches[0].stats.explained).toBe(705);
  const top = await json<{ total: number; scores: { customerId: string; probability: number; decile: number; reasons: unknown[] | null }[] }>(await ctx.viewer.get(`/api/score-batches/${batches[0].id}/scores?limit=5`), 200);
  expect(top.total).toBe(7043);
  expect(top.scores[0].decile).toBe(10);
  expect(top.scores[0].probability).toBeGreaterThanOrEqual(top.scores[4].probability);
  expect(top.scores[0].reasons).toHaveLength(3);
  // the batch's score equals the API's for the same customer
  const rec = rows.find((r) => r.customerID === top.scores[0].customerId) ?? telcoRecords(7043).find((r) => r.customerID === top.scores[0].customerId)!;
  const api = await json<{ predictions: { probability: number }[] }>(await anon.post(predictUrl(), { data: { customer: rec }, headers: bearer(predictKey) }), 200);
  expect(api.predictions[0].probability).toBe(top.scores[0].probability);
  const csv = await ctx.viewer.get(`/api/score-batches/${batches[0].id}/export?format=csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-disposition']).toMatch(/attachment; filename="scores-.*\.csv"/);
  expect((await csv.text()).split('\r\n')[0]).toBe('customer_id,probability,decile,label,top_reasons,model,model_version,batch_id,scored_at');
  expect((await ctx.viewer.get(`/api/score-batches/${batches[0].id}/export?format=xlsx`)).status()).toBe(400);
});

test('cron routes refuse requests without the secret', async () => {
  expect((await anon.get('/api/cron/nightly-score')).status()).toBe(401);
  expect((await anon.get('/api/cron/nightly-score', { headers: bearer('wrong-secret-wrong-secret') })).status()).toBe(401);
  expect((await anon.get('/api/cron/no-such-kind', { headers: bearer('e2e-cron-secret-not-for-production') })).status()).toBe(404);
  const ok = await json<{ kind: string; jobs: unknown[] }>(await anon.get('/api/cron/daily-ingest', { headers: bearer('e2e-cron-secret-not-for-production') }), 200);
  expect(ok.kind).toBe('daily-ingest');
});
