import { existsSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { InputFieldDTO } from '@/lib/api/dto';
import { projectWithTelco, storageFor, TELCO, USERS } from '../helpers';

interface Job {
  id: string;
  status: string;
  error: string | null;
  result: { runId?: string } | null;
}

async function train(request: APIRequestContext, slug: string, snapshotId: string, name: string, learningRate: number): Promise<string> {
  const res = await request.post(`/api/projects/${encodeURIComponent(slug)}/runs`, { data: { snapshotId, family: 'gbdt', params: { max_iter: 20, learning_rate: learningRate }, name } });
  expect(res.status(), await res.text()).toBe(202);
  const { id } = (await res.json()) as Job;
  const until = Date.now() + 180_000;
  for (;;) {
    const job = (await (await request.get(`/api/jobs/${encodeURIComponent(id)}`)).json()) as Job;
    if (job.status === 'succeeded') return job.result!.runId!;
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(`job ${id} ${job.status}: ${job.error}`);
    if (Date.now() > until) throw new Error(`job ${id} still ${job.status}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A customer inside what training saw: each categorical's first level, each number the middle of its range. */
function customerFrom(schema: InputFieldDTO[]): Record<string, string | number | null> {
  const c: Record<string, string | number | null> = {};
  for (const f of schema) {
    if (f.use !== 'input') continue;
    if (f.kind === 'categorical') c[f.name] = f.levels?.[0] ?? 'x';
    else c[f.name] = f.min !== undefined && f.max !== undefined ? (f.min + f.max) / 2 : 0;
  }
  return c;
}

test.describe('model registry and the prediction API', () => {
  test('a scientist registers and requests, an approver promotes in the browser, and the API answers with that version', async ({ browser, playwright, baseURL }, testInfo) => {
    test.skip(!existsSync(TELCO), 'the Telco CSV is not beside the repo');
    test.setTimeout(480_000);
    const modelName = `e2e-churn-${Date.now()}`;
    const scientistCtx = await browser.newContext({ baseURL, storageState: storageFor('scientist') });
    const approverCtx = await browser.newContext({ baseURL, storageState: storageFor('approver') });
    const api = await playwright.request.newContext({ baseURL }); // no cookies: Bearer key only
    try {
      const sci = await scientistCtx.newPage();
      const { slug, snapshotId } = await projectWithTelco(sci, 'Registry e2e');
      const [runA, runB] = await Promise.all([train(sci.request, slug, snapshotId, 'registry lr 0.1', 0.1), train(sci.request, slug, snapshotId, 'registry lr 0.2', 0.2)]);

      // v1 through the API, v2 through the Registry cell.
      const reg = await sci.request.post(`/api/projects/${encodeURIComponent(slug)}/models`, { data: { runId: runA, modelName, note: 'first cut' } });
      expect(reg.status(), await reg.text()).toBe(201);
      expect(((await reg.json()) as { version: { version: number } }).version.version).toBe(1);

      await sci.goto(`/projects/${encodeURIComponent(slug)}`);
      const cell = sci.getByTestId('registry-cell');
      await expect(cell.locator(`[data-testid="registered-model"][data-model="${modelName}"]`)).toBeVisible();
      await cell.getByTestId('register-run').selectOption(runB);
      await cell.getByTestId('register-model-name').fill(modelName);
      await cell.getByTestId('register-note').fill('higher learning rate');
      await cell.getByTestId('register-submit').click();
      await expect(cell.getByTestId('register-done')).toHaveAttribute('data-version', '2');
      const model = cell.locator(`[data-testid="registered-model"][data-model="${modelName}"]`);
      await expect(model.getByTestId('version-row')).toHaveCount(2);
      await expect(model.getByTestId('model-champion')).toHaveAttribute('data-version', '');

      // A scientist may only ask: no promote buttons, a request with a reason.
      await expect(cell.getByTestId('promote-champion')).toHaveCount(0);
      const v1 = model.locator('[data-testid="version-row"][data-version="1"]');
      await v1.getByTestId('request-promotion').click();
      await expect(v1.getByTestId('request-alias')).toHaveValue('champion');
      await v1.getByTestId('promote-confirm').click();
      await expect(v1.getByTestId('promote-error')).toContainText('reason'); // a reason is required
      await v1.getByTestId('promote-reason').fill('AUC holds on the validation split');
      await v1.getByTestId('promote-confirm').click();
      await expect(v1.getByTestId('promote-done')).toBeVisible();
      const openRow = cell.locator('[data-testid="request-row"][data-status="open"]');
      await expect(openRow).toHaveCount(1);
      await expect(openRow).toContainText('AUC holds on the validation split');
      await expect(openRow.getByTestId('request-approve')).toHaveCount(0);
      await sci.screenshot({ path: testInfo.outputPath('registry-scientist.png'), fullPage: true });
      await testInfo.attach('registry (scientist)', { path: testInfo.outputPath('registry-scientist.png'), contentType: 'image/png' });

      // The served model does not exist before an approver acts.
      const keyRes = await sci.request.post('/api/keys', { data: { name: `registry e2e ${Date.now()}`, scopes: ['predict'] } });
      expect(keyRes.status(), await keyRes.text()).toBe(201);
      const key = ((await keyRes.json()) as { key: string }).key;
      const auth = { authorization: `Bearer ${key}` };
      const before = await api.post(`/api/v1/predict?model=${modelName}`, { headers: auth, data: { customer: {} } });
      expect(before.status()).toBeGreaterThanOrEqual(400);
      expect(before.status()).toBeLessThan(500);

      // The approver approves the request in the Registry cell.
      const appr = await approverCtx.newPage();
      await appr.goto(`/projects/${encodeURIComponent(slug)}`);
      const acell = appr.getByTestId('registry-cell');
      const aOpen = acell.locator('[data-testid="request-row"][data-status="open"]');
      await expect(aOpen).toHaveCount(1);
      await aOpen.getByTestId('request-note').fill('agreed: ship v1');
      await aOpen.getByTestId('request-approve').click();
      const amodel = acell.locator(`[data-testid="registered-model"][data-model="${modelName}"]`);
      await expect(amodel.getByTestId('model-champion')).toHaveAttribute('data-version', '1');
      await expect(aOpen).toHaveCount(0);

      const champion = await api.get(`/api/v1/models/champion?model=${modelName}`, { headers: auth });
      expect(champion.status(), await champion.text()).toBe(200);
      const schema = ((await champion.json()) as { inputSchema: InputFieldDTO[] }).inputSchema;
      expect(schema.filter((f) => f.use === 'input').length).toBeGreaterThan(5);
      const customer = customerFrom(schema);
      const scoredBy = async () => {
        const res = await api.post(`/api/v1/predict?model=${modelName}`, { headers: auth, data: { customer } });
        expect(res.status(), await res.text()).toBe(200);
        return (await res.json()) as { model: { version: number; threshold: number; alias: string }; predictions: { probability: number; label: number; reasons: { direction: string }[] }[] };
      };
      const first = await scoredBy();
      expect(first.model.version).toBe(1);
      expect(first.model.alias).toBe('champion');
      const p = first.predictions[0];
      expect(p.probability).toBeGreaterThanOrEqual(0);
      expect(p.probability).toBeLessThanOrEqual(1);
      expect(p.label).toBe(p.probability >= first.model.threshold ? 1 : 0);
      expect(p.reasons.length).toBeLessThanOrEqual(3);

      // On the model page the approver promotes v2 with a written reason; the API switches to it.
      await amodel.getByTestId('model-link').click();
      await expect(appr.getByTestId('model-name')).toHaveText(modelName);
      const v2 = appr.locator('[data-testid="version-row"][data-version="2"]');
      await v2.getByTestId('promote-champion').click();
      await v2.getByTestId('promote-reason').fill('v2 has the better ROC AUC on the test split');
      await v2.getByTestId('promote-confirm').click();
      await expect(appr.getByTestId('model-champion')).toHaveAttribute('data-version', '2');
      const moved = appr.locator('[data-testid="transition-row"][data-action="alias_set"][data-alias="champion"][data-from="1"][data-to="2"]');
      await expect(moved).toHaveCount(1);
      await expect(moved).toContainText('v2 has the better ROC AUC on the test split');
      await expect(moved).toContainText(USERS.approver.email);
      const first1 = appr.locator('[data-testid="transition-row"][data-action="alias_set"][data-alias="champion"][data-to="1"]');
      await expect(first1).toContainText(USERS.approver.email);
      await expect(appr.locator('[data-testid="transition-row"][data-action="promotion_requested"]')).toContainText(USERS.scientist.email);
      await expect(appr.locator('[data-testid="request-row"][data-status="approved"]')).toContainText(USERS.approver.email);
      await appr.screenshot({ path: testInfo.outputPath('model-page.png'), fullPage: true });
      await testInfo.attach('model page', { path: testInfo.outputPath('model-page.png'), contentType: 'image/png' });

      await expect.poll(async () => (await scoredBy()).model.version, { timeout: 15_000 }).toBe(2);

      // The model card names who registered and who approved the version.
      await v2.getByTestId('version-link').click();
      await expect(appr.getByTestId('card-title')).toHaveText(`${modelName} v2`);
      await expect(appr.getByTestId('card-registered-by')).toContainText(USERS.scientist.email);
      await expect(appr.getByTestId('card-approved-by')).toContainText(USERS.approver.email);
      await expect(appr.getByTestId('card-features')).toContainText('tenure');
      await expect(appr.getByTestId('roc-chart').getByTestId('chart')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
      await appr.screenshot({ path: testInfo.outputPath('model-card.png'), fullPage: true });
      await testInfo.attach('model card', { path: testInfo.outputPath('model-card.png'), contentType: 'image/png' });

      // The Serve cell scores through the same API with the session.
      await appr.goto(`/projects/${encodeURIComponent(slug)}`);
      const serve = appr.getByTestId('serve-cell');
      await expect(serve.getByTestId('serving-champion')).toHaveAttribute('data-version', '2');
      await serve.getByTestId('try-submit').click();
      const result = serve.getByTestId('try-result');
      await expect(result).toHaveAttribute('data-version', '2');
      await expect(serve.getByTestId('try-probability')).toHaveText(/^\d+(\.\d)?%$/);
      expect(await serve.getByTestId('try-reason').count()).toBeLessThanOrEqual(3);
      await expect(serve.getByTestId('curl-example')).toContainText(`/api/v1/predict?model=${modelName}`);
      await expect(serve.getByTestId('batch-panel')).toBeVisible();
      await serve.scrollIntoViewIfNeeded();
      await appr.screenshot({ path: testInfo.outputPath('serve-cell.png'), fullPage: true });
      await testInfo.attach('serve cell', { path: testInfo.outputPath('serve-cell.png'), contentType: 'image/png' });
    } finally {
      await api.dispose();
      await scientistCtx.close();
      await approverCtx.close();
    }
  });
});

test.describe('registry as a viewer, and the API docs', () => {
  test.use({ storageState: storageFor('viewer') });

  test('a viewer sees the Registry and Serve cells without controls, and reads the API docs', async ({ page }, testInfo) => {
    await page.goto('/projects/telco-churn-demo');
    const cell = page.getByTestId('registry-cell');
    await expect(cell).toBeVisible();
    await expect(cell.getByTestId('register-form')).toHaveCount(0);
    await expect(cell.getByTestId('promote-champion')).toHaveCount(0);
    await expect(cell.getByTestId('request-promotion')).toHaveCount(0);
    await expect(page.getByTestId('serve-cell')).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API docs' }).click();
    await expect(page).toHaveURL(/\/docs\/api$/);
    const docs = page.getByTestId('api-docs');
    await expect(docs).toBeVisible({ timeout: 30_000 });
    expect(await docs.getAttribute('data-openapi')).toMatch(/^3\.1/);
    const predict = page.locator('[data-testid="api-operation"][data-method="post"][data-path="/api/v1/predict"]');
    await expect(predict).toHaveCount(1);
    await predict.locator('summary').click();
    await expect(predict.getByTestId('operation-request')).toContainText('customer');
    await expect(predict.getByTestId('operation-responses')).toContainText('422');
    await expect(page.getByTestId('api-auth')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('api-docs.png'), fullPage: true });
    await testInfo.attach('api docs', { path: testInfo.outputPath('api-docs.png'), contentType: 'image/png' });
  });
});
