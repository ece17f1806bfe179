/**
 * The Monitor cell and page in Chromium (issue I). Setup through the API: a Telco model trained, registered,
 * promoted and batch-scored (the batch queues its drift report). In the browser: the notebook's Monitor cell and
 * the monitor page list the batch's drift report per feature with rendered charts; a drift rule is created after
 * its false-alarm estimate is shown, and an AUC-drop rule next to it; outcomes arrive (a later upload whose churn
 * labels no longer follow the features), the `realized` job stores realized performance, the realized-AUC chart
 * and calibration appear, and the AUC-drop alert is acknowledged and silenced in the inbox.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, request as pwRequest, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { type RoleName, storageFor, TELCO } from '../helpers';

const STAMP = Date.now();
const MODEL = `monitor-e2e-${STAMP}`;
const BATCH_DATE = '2026-11-20';

let ctx: Record<'scientist' | 'approver', APIRequestContext>;
let slug = '';
let batchId = '';

async function json<T>(res: { status(): number; text(): Promise<string> }, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  return JSON.parse(text) as T;
}

async function waitJob(id: string, what: string): Promise<Record<string, unknown> | null> {
  for (let i = 0; i < 300; i++) {
    const j = (await (await ctx.scientist.get(`/api/jobs/${id}`)).json()) as { status: string; error: string | null; result: Record<string, unknown> | null };
    if (j.status === 'succeeded') return j.result;
    if (j.status === 'failed' || j.status === 'cancelled') throw new Error(`${what} ${j.status}: ${j.error}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${what} did not finish`);
}

/** Polls a GET until `ok(body)`; returns the body. */
async function waitFor<T>(url: string, ok: (b: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 180; i++) {
    const b = (await (await ctx.scientist.get(url)).json()) as T;
    if (ok(b)) return b;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${what} did not appear`);
}

/** The Telco CSV with the churn column in reverse row order: the same customers, outcomes unrelated to features. */
function scrambledOutcomes(): Buffer {
  const lines = readFileSync(TELCO, 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const churn = head.indexOf('Churn');
  const rows = lines.slice(1).map((l) => l.split(','));
  const labels = rows.map((r) => r[churn]).reverse();
  return Buffer.from([head.join(','), ...rows.map((r, i) => r.map((c, k) => (k === churn ? labels[i] : c)).join(','))].join('\n'));
}

async function upload(name: string, bytes: Buffer): Promise<string> {
  const draft = await json<{ uploadId: string }>(await ctx.scientist.post(`/api/projects/${slug}/uploads?filename=${encodeURIComponent(name)}.csv`, { data: bytes, headers: { 'content-type': 'text/csv' } }), 201);
  return (await json<{ id: string }>(await ctx.scientist.post(`/api/uploads/${draft.uploadId}/commit`, { data: { name, target: 'Churn', positive: 'Yes' } }), 201)).id;
}

/** A chart figure that finished rendering an SVG. */
async function expectChart(scope: Page | Locator, label: string | RegExp): Promise<void> {
  const fig = scope.getByRole('figure', { name: label });
  await expect(fig).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(fig.locator('svg').first()).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(600_000);
  test.skip(!existsSync(TELCO), 'the Telco CSV is not beside the repo');
  const make = (role: RoleName) => pwRequest.newContext({ baseURL, storageState: storageFor(role) });
  ctx = { scientist: await make('scientist'), approver: await make('approver') };
  slug = (await json<{ slug: string }>(await ctx.scientist.post('/api/projects', { data: { name: `Monitor ${STAMP}` } }), 201)).slug;
  const snapshotId = await upload('Telco', readFileSync(TELCO));
  const train = await json<{ id: string }>(await ctx.scientist.post(`/api/projects/${slug}/runs`, { data: { snapshotId, family: 'gbdt', params: { max_iter: 20 } } }), 202);
  const runId = (await waitJob(train.id, 'training'))!.runId as string;
  await json(await ctx.scientist.post(`/api/projects/${slug}/models`, { data: { runId, modelName: MODEL } }), 201);
  await json(await ctx.approver.post(`/api/models/${MODEL}/aliases`, { data: { alias: 'champion', version: 1, reason: 'monitor e2e' } }), 200);
  const job = await json<{ id: string }>(await ctx.scientist.post(`/api/projects/${slug}/score-batches`, { data: { modelName: MODEL, snapshotId, batchDate: BATCH_DATE } }), 202);
  batchId = (await waitJob(job.id, 'batch scoring'))!.batchId as string;
  expect(batchId).toBeTruthy();
  // the finished batch queued its drift report
  await waitFor<{ reports: { subjectKind: string; subjectId: string }[] }>(`/api/projects/${slug}/monitor/reports`, (b) => b.reports.some((r) => r.subjectKind === 'batch' && r.subjectId === batchId), 'the batch drift report');
});

test.afterAll(async () => {
  for (const c of Object.values(ctx ?? {})) await c.dispose();
});

test.use({ storageState: storageFor('scientist') });

test('the notebook Monitor cell and the monitor page show the batch drift report per feature, with charts', async ({ page }, testInfo) => {
  await page.goto(`/projects/${slug}`);
  const cell = page.getByTestId('cell-monitor').getByTestId('monitor-cell');
  await expect(cell).toBeVisible();
  await expect(cell).toContainText(`vs batch ${batchId}`);
  await expect(cell.getByRole('table', { name: 'drift per feature' }).locator('tbody tr')).not.toHaveCount(0);

  await page.goto(`/projects/${slug}/monitor`);
  await expect(page.getByRole('heading', { name: 'Monitor', level: 1 })).toBeVisible();
  const drift = page.getByRole('region', { name: 'Data and prediction drift' });
  await expect(drift).toContainText(`${MODEL} v1 vs batch ${batchId}`);
  const rows = drift.getByRole('table', { name: 'drift per feature' }).locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(5);
  await expect(rows.filter({ hasText: 'tenure' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'prediction' }).first()).toBeVisible();
  await expectChart(drift, /reference vs current distribution of /);
  await expectChart(drift, 'reference vs current prediction distribution');
  // clicking a feature row shows its distribution
  await rows.filter({ hasText: 'tenure' }).click();
  await expectChart(drift, 'reference vs current distribution of tenure');
  await page.screenshot({ path: testInfo.outputPath('monitor-drift.png'), fullPage: true });
  await testInfo.attach('monitor drift', { path: testInfo.outputPath('monitor-drift.png'), contentType: 'image/png' });
});

test('a drift rule is created in the UI after its false-alarm estimate; an AUC-drop rule beside it', async ({ page }) => {
  await page.goto(`/projects/${slug}/monitor`);
  const rules = page.getByRole('region', { name: 'Alert rules' });
  await expect(rules.getByText('No rules: nothing raises alerts yet.')).toBeVisible();
  await rules.getByLabel('kind').selectOption('drift');
  await rules.getByLabel('fires on').selectOption('any_feature');
  await rules.getByLabel('batch size').fill('500');
  await rules.getByRole('button', { name: 'False-alarm check' }).click();
  const check = rules.getByRole('table', { name: 'false-alarm check' });
  await expect(check).toBeVisible({ timeout: 60_000 });
  await expect(check.locator('tbody tr').filter({ hasText: 'tenure' })).toContainText('%');
  await expect(check).toContainText('dataset drift');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  const list = rules.getByRole('table', { name: 'alert rules' });
  await expect(list.locator('tbody tr').filter({ hasText: 'drift' })).toContainText('"on":"any_feature"');

  await rules.getByLabel('kind').selectOption('auc_drop');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(list.locator('tbody tr').filter({ hasText: 'auc_drop' })).toContainText('"maxDrop":0.05');
  // a webhook to the cloud metadata address is refused, naming the field
  await rules.getByLabel('kind').selectOption('job_failure');
  await rules.getByLabel('Slack-compatible webhook').fill('http://169.254.169.254/latest/meta-data');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.locator('.alert-error')).toContainText('webhookUrl');
  await expect(list.locator('tbody tr')).toHaveCount(2);
});

test('outcomes arrive: realized AUC over time and calibration; the AUC-drop alert is acknowledged and silenced', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await upload('Telco outcomes', scrambledOutcomes());
  // the new snapshot with a target column queued the `realized` job against the earlier batch
  const realized = await waitFor<{ realized: { batchId: string; rocAuc: number | null; trainingAuc: number | null; matched: number }[] }>(`/api/projects/${slug}/monitor/realized`, (b) => b.realized.length > 0, 'realized performance');
  expect(realized.realized[0]).toMatchObject({ batchId, matched: 7043 });
  expect(realized.realized[0].trainingAuc! - realized.realized[0].rocAuc!).toBeGreaterThan(0.05);

  await page.goto(`/projects/${slug}/monitor`);
  const section = page.getByRole('region', { name: 'Realized performance' });
  await expect(section.getByTestId('realized-latest')).toContainText(`Batch ${BATCH_DATE}`);
  await expect(section.getByTestId('realized-latest')).toContainText('7043 customers with outcomes');
  await expectChart(section, 'realized ROC AUC per scoring batch over time');
  await expectChart(section, `calibration of realized outcomes, batch ${BATCH_DATE}`);

  const inbox = page.getByRole('region', { name: 'Alerts' });
  const alert = inbox.getByRole('table', { name: 'alert inbox' }).locator('tbody tr').filter({ hasText: /realized ROC AUC .* below training/ });
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('open');
  await alert.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(alert).toContainText('acknowledged');
  await expect(alert.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
  await alert.getByRole('button', { name: 'Silence 1 h' }).click();
  await expect(alert).toContainText('silenced until');
  await expect(alert.getByRole('button', { name: 'Unsilence' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('monitor-realized.png'), fullPage: true });
  await testInfo.attach('monitor realized', { path: testInfo.outputPath('monitor-realized.png'), contentType: 'image/png' });

  // the state survives a reload (it is stored, not only in the page)
  await page.reload();
  const again = page.getByRole('region', { name: 'Alerts' }).getByRole('table', { name: 'alert inbox' }).locator('tbody tr').filter({ hasText: /realized ROC AUC/ });
  await expect(again).toContainText('acknowledged');
  await expect(again).toContainText('silenced until');
});
