import { expect, test, type APIRequestContext } from '@playwright/test';
import { storageFor } from '../helpers';

const SLUG = 'telco-churn-demo';

/** Ingests the demo window (idempotent: the same data gives the same snapshot) and returns the snapshot id. */
async function demoSnapshot(request: APIRequestContext): Promise<string> {
  const sources = await request.get(`/api/projects/${SLUG}/sources`);
  expect(sources.ok()).toBe(true);
  const sourceId = ((await sources.json()) as { sources: { id: string }[] }).sources[0].id;
  const started = await request.post(`/api/projects/${SLUG}/ingest`, { data: { sourceId, end: '2026-09-30', days: 30 } });
  expect(started.status()).toBe(202);
  const job = (await started.json()) as { id: string };
  let snapshotId = '';
  await expect(async () => {
    const j = (await (await request.get(`/api/jobs/${job.id}`)).json()) as { status: string; result: { snapshotId?: string } | null; error: string | null };
    expect(j.status, j.error ?? '').toBe('succeeded');
    snapshotId = j.result!.snapshotId!;
  }).toPass({ timeout: 90_000, intervals: [500, 1000] });
  return snapshotId;
}

test.describe('the Validate cell', () => {
  test.describe.configure({ mode: 'serial' });

  test.describe('as scientist', () => {
    test.use({ storageState: storageFor('scientist') });

    test('adds an expectation from a suggestion, runs validation, sees it fail and opens the failure report', async ({ page }, testInfo) => {
      test.setTimeout(150_000);
      const snapshotId = await demoSnapshot(page.request);
      await page.goto(`/projects/${SLUG}/validations`);
      await expect(page.getByTestId('suite-list')).toBeVisible();
      await page.getByTestId('validate-snapshot').selectOption(snapshotId);
      // The demo project's default suite is the seed suite.
      const rows = page.getByTestId('expectation-row');
      await expect(rows.first()).toHaveAttribute('data-type', 'expect_table_columns_to_match_ordered_list');
      const before = await rows.count();
      expect(before).toBeGreaterThanOrEqual(7);

      // Guided editor: pick a column → suggestions with live pass rates on the sample loaded in the browser.
      await expect(async () => {
        await page.getByTestId('column-pick').selectOption('avg_monthly_charges');
        await expect(page.getByTestId('suggestion').first()).toBeVisible({ timeout: 5000 });
      }).toPass({ timeout: 60_000 });
      const between = page.getByTestId('suggestion').and(page.locator('[data-type="expect_column_values_to_be_between"]'));
      await expect(between).toHaveCount(1);
      await expect(between).toContainText('%');
      await between.getByTestId('suggestion-add').click();
      await expect(rows).toHaveCount(before + 1);
      await expect(rows.last()).toHaveAttribute('data-column', 'avg_monthly_charges');
      await expect(rows.last()).toContainText('%'); // live pass rate of the added expectation
      await page.screenshot({ path: testInfo.outputPath('validate-cell-editor.png'), fullPage: true });

      await page.getByTestId('validation-run').click();
      await expect(page.getByTestId('validation-status')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
      await expect(page.getByTestId('gate-banner')).toHaveAttribute('data-state', 'failed');
      await expect(page.getByTestId('gate-banner')).toContainText('Training blocked');
      await expect(page.getByTestId('gate-banner')).toContainText('expect_column_values_to_not_be_null (age)');
      await expect(page.getByTestId('override-reason')).toHaveCount(0); // scientists cannot override
      await page.screenshot({ path: testInfo.outputPath('validate-cell-failed.png'), fullPage: true });

      await page.getByTestId('report-link').click();
      await expect(page.getByTestId('report-summary')).toHaveAttribute('data-success', 'false');
      const failedAge = page.getByTestId('report-expectation').and(page.locator('[data-type="expect_column_values_to_not_be_null"][data-column="age"]'));
      await expect(failedAge).toHaveAttribute('data-success', 'false');
      await expect(failedAge.getByTestId('report-row-ids')).toContainText('customer_id');
      const added = page.getByTestId('report-expectation').and(page.locator('[data-type="expect_column_values_to_be_between"][data-column="avg_monthly_charges"]'));
      await expect(added).toHaveCount(1);
      await expect(page.getByTestId('report-history')).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath('validation-report.png'), fullPage: true });
      await testInfo.attach('validation-report', { path: testInfo.outputPath('validation-report.png'), contentType: 'image/png' });
    });
  });

  test.describe('as approver', () => {
    test.use({ storageState: storageFor('approver') });

    test('records an override with a reason and the gate opens', async ({ page }, testInfo) => {
      test.setTimeout(120_000);
      const snapshotId = await demoSnapshot(page.request);
      // Make sure the latest run is a failed one (the seed suite fails on the dirty demo data).
      const run = await page.request.post(`/api/projects/${SLUG}/validations`, { data: { snapshotId } });
      expect(run.status()).toBe(201);
      expect(((await run.json()) as { success: boolean }).success).toBe(false);

      await page.goto(`/projects/${SLUG}/validations`);
      await page.getByTestId('validate-snapshot').selectOption(snapshotId);
      await expect(page.getByTestId('gate-banner')).toHaveAttribute('data-state', 'failed');
      await expect(async () => {
        await page.getByTestId('override-reason').fill('Known dirty ages in the demo source; cleaned in features.');
        await expect(page.getByTestId('override-submit')).toBeEnabled({ timeout: 1000 });
      }).toPass();
      await page.getByTestId('override-submit').click();
      await expect(page.getByTestId('gate-banner')).toHaveAttribute('data-state', 'overridden');
      await expect(page.getByTestId('gate-banner')).toContainText('Overridden by approver@churnlab.local');
      const gate = (await (await page.request.get(`/api/snapshots/${snapshotId}/gate`)).json()) as { allowed: boolean };
      expect(gate.allowed).toBe(true);
      await page.screenshot({ path: testInfo.outputPath('validate-override.png'), fullPage: true });
    });
  });

  test.describe('as viewer', () => {
    test.use({ storageState: storageFor('viewer') });

    test('cannot save suites, run validation or override (403 from the API)', async ({ request }) => {
      const save = await request.post(`/api/projects/${SLUG}/suites`, { data: { expectations: [] } });
      expect(save.status()).toBe(403);
      const bad = await request.get(`/api/projects/${SLUG}/suites/export?version=abc`);
      expect(bad.status()).toBe(400);
      const list = await request.get(`/api/projects/${SLUG}/suites`);
      expect(list.ok()).toBe(true);
    });
  });
});
