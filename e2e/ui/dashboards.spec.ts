/**
 * Business dashboards as a viewer (issue J): a Telco model trained, registered, promoted and batch-scored through
 * the API (scientist/approver), then in the browser as a viewer: the overview, a segment drill-down, a customer
 * with a what-if computed in the page (equal to POST /api/v1/predict for the same record), and the targets CSV
 * export (spreadsheet-safe). Screenshots of each step are kept in the test output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, request as pwRequest, test, type APIRequestContext } from '@playwright/test';
import { type RoleName, storageFor, TELCO } from '../helpers';

const STAMP = Date.now();
const MODEL = `dash-e2e-${STAMP}`;

let ctx: Record<Exclude<RoleName, 'admin'>, APIRequestContext>;
let anon: APIRequestContext;
let slug = '';
let projectName = '';

async function json<T>(res: { status(): number; text(): Promise<string> }, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  return JSON.parse(text) as T;
}

async function waitJob(id: string, what: string): Promise<{ runId?: string } | null> {
  for (let i = 0; i < 300; i++) {
    const j = (await (await ctx.scientist.get(`/api/jobs/${id}`)).json()) as { status: string; error: string | null; result: { runId?: string } | null };
    if (j.status === 'succeeded') return j.result;
    if (j.status === 'failed' || j.status === 'cancelled') throw new Error(`${what} ${j.status}: ${j.error}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${what} did not finish`);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(600_000);
  test.skip(!existsSync(TELCO), 'the Telco CSV is not beside the repo');
  const make = (role: RoleName) => pwRequest.newContext({ baseURL, storageState: storageFor(role) });
  ctx = { viewer: await make('viewer'), scientist: await make('scientist'), approver: await make('approver') };
  anon = await pwRequest.newContext({ baseURL });
  projectName = `Dashboards ${STAMP}`;
  slug = (await json<{ slug: string }>(await ctx.scientist.post('/api/projects', { data: { name: projectName } }), 201)).slug;
  const draft = await json<{ uploadId: string }>(await ctx.scientist.post(`/api/projects/${slug}/uploads?filename=telco.csv`, { data: readFileSync(TELCO), headers: { 'content-type': 'text/csv' } }), 201);
  const snap = await json<{ id: string }>(await ctx.scientist.post(`/api/uploads/${draft.uploadId}/commit`, { data: { name: 'Telco', target: 'Churn', positive: 'Yes' } }), 201);
  const train = await json<{ id: string }>(await ctx.scientist.post(`/api/projects/${slug}/runs`, { data: { snapshotId: snap.id, family: 'gbdt', params: { max_iter: 20 } } }), 202);
  const runId = (await waitJob(train.id, 'training'))!.runId!;
  await json(await ctx.scientist.post(`/api/projects/${slug}/models`, { data: { runId, modelName: MODEL } }), 201);
  await json(await ctx.approver.post(`/api/models/${MODEL}/aliases`, { data: { alias: 'champion', version: 1, reason: 'dashboards e2e' } }), 200);
  // Two nightly batches (two dates) so the trend has two points.
  for (const batchDate of ['2026-11-26', '2026-11-27']) {
    const job = await json<{ id: string }>(await ctx.scientist.post(`/api/projects/${slug}/score-batches`, { data: { modelName: MODEL, batchDate } }), 202);
    await waitJob(job.id, `batch ${batchDate}`);
  }
});

test.afterAll(async () => {
  for (const c of Object.values(ctx ?? {})) await c.dispose();
  await anon?.dispose();
});

test('dashboard APIs: viewers read, anonymous users are refused, bad options are 400', async () => {
  const o = await json<{ customers: number; revenueAtRisk: number; valueColumn: string; trend: unknown[]; segmentColumns: { name: string }[] }>(await ctx.viewer.get(`/api/dashboards/${slug}/overview`), 200);
  expect(o.customers).toBe(7043);
  expect(o.valueColumn).toBe('MonthlyCharges');
  expect(o.trend).toHaveLength(2);
  expect(o.segmentColumns.map((c) => c.name)).toEqual(expect.arrayContaining(['Contract', 'PaymentMethod', 'tenure']));
  // Horizon scales revenue at risk linearly.
  const o6 = await json<{ revenueAtRisk: number }>(await ctx.viewer.get(`/api/dashboards/${slug}/overview?horizon=6`), 200);
  expect(o6.revenueAtRisk).toBeCloseTo(o.revenueAtRisk / 2, 6);
  expect((await anon.get(`/api/dashboards/${slug}/overview`)).status()).toBe(401);
  expect((await ctx.viewer.get(`/api/dashboards/${slug}/overview?value=Contract`)).status()).toBe(400);
  expect((await ctx.viewer.get(`/api/dashboards/${slug}/customers?decile=11`)).status()).toBe(400);
  expect((await ctx.viewer.get(`/api/dashboards/no-such-project-${STAMP}/overview`)).status()).toBe(404);
  // Sorting and filtering of the at-risk table.
  const byValue = await json<{ result: { total: number; rows: { value: number; decile: number }[] } }>(await ctx.viewer.get(`/api/dashboards/${slug}/customers?sort=value&dir=asc&decile=10&limit=20`), 200);
  expect(byValue.result.total).toBeGreaterThan(600);
  expect(byValue.result.rows.every((r) => r.decile === 10)).toBe(true);
  expect(byValue.result.rows.map((r) => r.value)).toEqual([...byValue.result.rows.map((r) => r.value)].sort((a, b) => a - b));
  // Viewers still cannot start batches, promote or manage API keys.
  expect((await ctx.viewer.post(`/api/projects/${slug}/score-batches`, { data: {} })).status()).toBe(403);
  expect((await ctx.viewer.post(`/api/models/${MODEL}/aliases`, { data: { alias: 'champion', version: 1, reason: 'x' } })).status()).toBe(403);
  expect((await ctx.viewer.post('/api/keys', { data: { name: 'nope', scopes: ['read'] } })).status()).toBe(403);
  // A page with unusable options says so instead of failing.
  const bad = await ctx.viewer.get(`/dashboard/${slug}?value=Contract`);
  expect(bad.status()).toBe(200);
  expect(await bad.text()).toContain('is not a numeric column');
});

test('a viewer opens the overview, drills into a segment, runs a what-if on a customer and exports targets', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ storageState: storageFor('viewer') });
  const page = await context.newPage();
  const shot = async (name: string) => {
    await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
    await testInfo.attach(name, { path: testInfo.outputPath(`${name}.png`), contentType: 'image/png' });
  };

  // Overview, reached from the project picker.
  await page.goto('/dashboard');
  await page.getByRole('link', { name: projectName }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${slug}$`));
  await expect(page.getByTestId('kpi-customers-value')).toHaveText('7,043');
  await expect(page.getByTestId('dashboard-batch')).toContainText('2026-11-27');
  await expect(page.getByTestId('dashboard-batch')).toContainText(`${MODEL} v1`);
  await expect(page.getByTestId('kpi-revenue-value')).not.toHaveText('—');
  await expect(page.locator('[data-testid="chart"][data-ready="true"]').first()).toBeVisible();
  await expect(page.getByTestId('trend').locator('tbody tr')).toHaveCount(2);
  await shot('dashboard-overview');

  // Segments → the month-to-month customers.
  await page.getByRole('link', { name: 'Segments' }).click();
  const contract = page.getByTestId('segment-Contract');
  await expect(contract.locator('[data-testid="chart"][data-ready="true"]')).toHaveCount(2);
  await shot('dashboard-segments');
  await contract.getByRole('link', { name: 'Month-to-month' }).click();
  await expect(page.getByTestId('customers-total')).toContainText('Contract = Month-to-month');
  const rows = page.getByTestId('customer-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(10);
  await expect(page.getByTestId('customers-table').locator('tbody tr td:nth-child(6)').first()).toHaveText('Month-to-month');
  await shot('dashboard-segment-customers');

  // The riskiest month-to-month customer: reasons, history, what-if in the browser.
  const firstId = (await page.getByTestId('customer-link').first().textContent())!.trim();
  await page.getByTestId('customer-link').first().click();
  await expect(page.getByTestId('customer-id')).toHaveText(firstId);
  await expect(page.getByTestId('customer-reasons').locator('li').first()).toContainText(/raises the risk|lowers the risk/);
  await expect(page.getByTestId('customer-history').locator('tbody tr')).toHaveCount(2);
  const before = page.getByTestId('whatif-before');
  await expect(before).toHaveText((await page.getByTestId('customer-probability').textContent())!.trim());
  const whatIf = page.getByTestId('what-if');
  await whatIf.getByLabel('Contract').selectOption('Two year');
  await whatIf.getByLabel('MonthlyCharges').fill('30');
  const after = page.getByTestId('whatif-probability');
  await expect(after).toHaveAttribute('data-record', /"Contract":"Two year"/);
  await expect(after).toHaveAttribute('data-record', /"MonthlyCharges":30\b/);
  const browserP = Number(await after.getAttribute('data-probability'));
  const record = JSON.parse((await after.getAttribute('data-record'))!) as Record<string, unknown>;
  await shot('dashboard-what-if');
  // The same record through the prediction API (viewer session): the same probability, bit for bit.
  const api = await json<{ predictions: { probability: number }[] }>(await ctx.viewer.post(`/api/v1/predict?model=${MODEL}`, { data: { customer: record } }), 200);
  expect(api.predictions[0].probability).toBe(browserP);
  // …and the unchanged record scores what the nightly batch stored.
  const stored = await json<{ detail: { record: Record<string, unknown>; current: { probability: number } } }>(await ctx.viewer.get(`/api/dashboards/${slug}/customers/${encodeURIComponent(firstId)}`), 200);
  const api0 = await json<{ predictions: { probability: number }[] }>(await ctx.viewer.post(`/api/v1/predict?model=${MODEL}`, { data: { customer: stored.detail.record } }), 200);
  expect(api0.predictions[0].probability).toBe(stored.detail.current.probability);

  // Targeting: economics → best threshold → CSV export.
  await page.getByRole('link', { name: 'Retention targeting' }).click();
  await page.getByLabel('Offer cost per contact').fill('25');
  await page.getByLabel('Value of a retained customer').fill('800');
  await page.getByLabel('Success rate (0–1)').fill('0.4');
  await page.getByRole('button', { name: 'Recompute' }).click();
  await expect(page.getByTestId('export-targets')).toHaveAttribute('href', /cost=25&retained=800&success=0.4/);
  // contact when p × 0.4 × 800 > 25, i.e. p > 0.078125
  const best = Number(await page.getByTestId('best-threshold').textContent());
  expect(best).toBeGreaterThanOrEqual(0.078);
  expect(best).toBeLessThan(0.5);
  const contacted = Number((await page.getByTestId('targets-count').textContent())!.replace(/,/g, ''));
  await shot('dashboard-targeting');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-targets').click()]);
  const file = testInfo.outputPath('targets.csv');
  await download.saveAs(file);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('customer_id,probability,monthly_value,expected_profit');
  expect(lines).toHaveLength(contacted + 1);
  for (const l of lines) expect(l).not.toMatch(/^[=+\-@]/);
  // every target is worth contacting (p × 0.4 × 800 − 25 > 0) and its expected profit is that product
  for (const l of lines.slice(1)) {
    const [, p, , profit] = l.split(',');
    expect(Number(profit)).toBeCloseTo(Number(p) * 0.4 * 800 - 25, 9);
    expect(Number(profit)).toBeGreaterThan(0);
  }
  await context.close();
});
