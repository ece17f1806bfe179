import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { storageFor, TELCO } from '../helpers';


test.describe('the Data cell', () => {
  test.use({ storageState: storageFor('scientist') });

  test('a scientist uploads the Telco CSV, picks Churn, and explores the profile and a chart', async ({ page }, testInfo) => {
    test.skip(!existsSync(TELCO), 'the Telco CSV is not beside the repo');
    test.setTimeout(120_000);
    await page.goto('/');
    await page.getByLabel('Name').fill(`Telco upload ${Date.now()}`);
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect(page.getByTestId('project-name')).toBeVisible();

    await page.getByTestId('upload-input').setInputFiles(TELCO);
    await expect(page.getByTestId('upload-draft')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('target-select')).toHaveValue('Churn');
    await expect(page.getByTestId('positive-select')).toHaveValue('Yes');
    await page.getByTestId('create-snapshot').click();
    const row = page.getByTestId('snapshot-row').first();
    await expect(row).toContainText('7,043');
    await expect(page.getByTestId('status-data')).toHaveText('Passed');
    await page.screenshot({ path: testInfo.outputPath('data-cell.png'), fullPage: true });

    await row.getByRole('link').first().click();
    await expect(page.getByTestId('explore-row-count')).toHaveAttribute('data-rows', '7043', { timeout: 60_000 });
    await expect(page.getByTestId('explore-table')).toBeVisible();
    await expect(page.getByTestId('profile-table')).toContainText('TotalCharges');
    await expect(page.getByTestId('chart').first()).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await page.screenshot({ path: testInfo.outputPath('explore.png'), fullPage: true });
    await testInfo.attach('explore', { path: testInfo.outputPath('explore.png'), contentType: 'image/png' });
  });

  test('a malformed upload shows the server message naming the line', async ({ page }) => {
    await page.goto('/projects/telco-churn-demo');
    await page.getByTestId('upload-input').setInputFiles({ name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,c\n1,2,3\n4,5\n') });
    await expect(page.getByTestId('upload-error')).toContainText('line 3');
  });

  test('ingest from the demo source runs as a job and adds a snapshot', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/projects/telco-churn-demo');
    await expect(page.getByTestId('ingest-start')).toBeEnabled();
    // The demo source ends on 2026-10-31; fill until the hydrated input holds the value.
    await expect(async () => {
      await page.getByTestId('ingest-end').fill('2026-09-30');
      await expect(page.getByTestId('ingest-end')).toHaveValue('2026-09-30', { timeout: 1000 });
    }).toPass();
    await page.getByTestId('ingest-start').click();
    await expect(page.getByTestId('job-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 90_000 });
    await expect(page.getByTestId('snapshot-row').filter({ hasText: '2026-09-01' }).first()).toBeVisible();
  });
});

test.describe('as viewer', () => {
  test.use({ storageState: storageFor('viewer') });
  test('sees snapshots but cannot upload or ingest', async ({ page }) => {
    await page.goto('/projects/telco-churn-demo');
    await expect(page.getByTestId('cell-data')).toBeVisible();
    await expect(page.getByTestId('upload-input')).toHaveCount(0);
    await expect(page.getByTestId('ingest-start')).toHaveCount(0);
  });
});
