/**
 * The journeys' serving steps (issue K), after steps.ts's: an API key, prediction calls over HTTP, batch scoring in
 * the Serve cell, the Monitor cell and the viewer's dashboard.
 */
import { expect, type APIRequestContext, type Browser, type Page, type TestInfo } from '@playwright/test';
import { contextAs, fillHydrated, openNotebook, projectPath, shot } from './steps';

/** Settings → API keys: a new key with the predict scope, shown once; returns the secret. */
export async function createPredictKey(page: Page, name: string): Promise<string> {
  await page.goto('/settings/api-keys');
  await fillHydrated(page.getByLabel('Name'), name);
  await expect(page.getByLabel('predict')).toBeChecked(); // the default scope
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByTestId('new-key').textContent())!.trim();
  expect(key).toMatch(/^cl_/);
  await expect(page.getByTestId('keys-table')).toContainText(name);
  return key;
}

interface Prediction {
  model: { name: string; version: number; alias: string; threshold: number };
  predictions: { probability: number; label: number; reasons: { feature: string; direction: string }[] }[];
}

/** POST /api/v1/predict over HTTP with only the Bearer key (no cookies); checks probability, label and reasons. */
export async function predictWithKey(api: APIRequestContext, key: string, modelName: string, customer: Record<string, unknown>, inputs: string[]): Promise<Prediction> {
  const res = await api.post(`/api/v1/predict?model=${encodeURIComponent(modelName)}`, { headers: { authorization: `Bearer ${key}` }, data: { customer } });
  const text = await res.text();
  expect(res.status(), text).toBe(200);
  const body = JSON.parse(text) as Prediction;
  expect(body.model).toMatchObject({ name: modelName, version: 1, alias: 'champion' });
  const [p] = body.predictions;
  expect(p.probability).toBeGreaterThanOrEqual(0);
  expect(p.probability).toBeLessThanOrEqual(1);
  expect(p.label).toBe(p.probability >= body.model.threshold ? 1 : 0);
  expect(p.reasons.length).toBeGreaterThan(0);
  for (const r of p.reasons) {
    expect(inputs).toContain(r.feature);
    expect(['increases', 'decreases']).toContain(r.direction);
  }
  return body;
}

/** The champion's input schema, read with the key (what a client integrating the API would do first). */
export async function championInputs(api: APIRequestContext, key: string, modelName: string): Promise<{ name: string; use: string; kind: string }[]> {
  const res = await api.get(`/api/v1/models/champion?model=${encodeURIComponent(modelName)}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { inputSchema: { name: string; use: string; kind: string }[] }).inputSchema;
}

/** Serve cell → "Score every customer now"; waits for the batch row with `expectedRows` customers; returns its id. */
export async function batchScoreInServeCell(page: Page, slug: string, modelName: string, expectedRows: number): Promise<{ batchId: string; rows: number }> {
  await openNotebook(page, slug);
  const serve = page.getByTestId('serve-cell');
  await expect(serve.getByTestId('serving-champion')).toHaveAttribute('data-version', '1');
  const panel = serve.getByTestId('batch-panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId('batch-start')).toBeEnabled();
  await panel.getByTestId('batch-start').click();
  const row = panel.getByTestId('batch-row').filter({ hasText: `${modelName} v1` }).first();
  await expect(row).toContainText('succeeded', { timeout: 240_000 });
  await expect(panel.getByTestId('batch-error')).toHaveCount(0);
  await expect(row.locator('td').nth(3)).toHaveText(expectedRows.toLocaleString('en-US'));
  await expect(row.getByTestId('batch-csv')).toBeVisible();
  return { batchId: (await row.getAttribute('data-batch-id'))!, rows: expectedRows };
}

/** The Monitor page shows the drift report the batch queued (reloads until the worker has written it). */
export async function monitorShowsBatch(page: Page, slug: string, modelName: string, batchId: string): Promise<void> {
  await page.goto(`${projectPath(slug)}/monitor`);
  const cell = page.getByTestId('monitor-cell');
  await expect(async () => {
    await page.reload();
    await expect(cell).toContainText(`vs batch ${batchId}`, { timeout: 2000 });
  }).toPass({ timeout: 120_000, intervals: [1000, 2000, 3000] });
  await expect(cell).toContainText(`${modelName} v1 vs batch`);
  const perFeature = cell.getByRole('table', { name: 'drift per feature' });
  expect(await perFeature.locator('tbody tr').count()).toBeGreaterThan(3);
  await expect(cell.getByLabel('drift subject').locator('option').first()).toHaveText(/^batch \d{4}-\d{2}-\d{2} \(v1\)$/);
  await expect(cell.locator('[data-testid="chart"][data-ready="true"]').first()).toBeVisible({ timeout: 30_000 });
}

/** A viewer (saved session, own context) picks the project on /dashboard and sees its churn numbers. */
export async function viewerOpensDashboard(browser: Browser, baseURL: string, slug: string, projectName: string, modelName: string, rows: number, testInfo: TestInfo, shotName: string): Promise<void> {
  const { ctx, page } = await contextAs(browser, baseURL, 'viewer');
  try {
    await page.goto('/dashboard');
    await expect(page.getByTestId('role')).toHaveText('viewer');
    await page.getByRole('link', { name: projectName, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/${slug}$`));
    await expect(page.getByTestId('kpi-customers-value')).toHaveText(rows.toLocaleString('en-US'));
    await expect(page.getByTestId('dashboard-batch')).toContainText(`${modelName} v1`);
    await expect(page.getByTestId('kpi-high-risk-value')).toHaveText(/^\d+(\.\d)?%$/);
    await expect(page.locator('[data-testid="chart"][data-ready="true"]').first()).toBeVisible({ timeout: 30_000 });
    // The numbers on the page are the overview API's for this project.
    const o = (await (await page.request.get(`/api/dashboards/${encodeURIComponent(slug)}/overview`)).json()) as { customers: number; highRiskShare: number };
    expect(o.customers).toBe(rows);
    await expect(page.getByTestId('kpi-high-risk-value')).toHaveText(`${(o.highRiskShare * 100).toFixed(1)}%`);
    await shot(page, testInfo, shotName);
  } finally {
    await ctx.close();
  }
}
