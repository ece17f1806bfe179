import { expect, test, type APIRequestContext } from '@playwright/test';
import { storageFor } from '../helpers';

const SLUG = 'telco-churn-demo';

/** The demo project needs a snapshot for the default spec and the preview: ingest one through the API if it has none. */
async function ensureDemoSnapshot(request: APIRequestContext): Promise<void> {
  const list = await request.get(`/api/projects/${SLUG}/snapshots`);
  expect(list.ok()).toBe(true);
  if (((await list.json()) as { snapshots: unknown[] }).snapshots.length > 0) return;
  const sources = (await (await request.get(`/api/projects/${SLUG}/sources`)).json()) as { sources: { id: string }[] };
  const sourceId = sources.sources[0].id;
  const started = await request.post(`/api/projects/${SLUG}/ingest`, { data: { sourceId, end: '2026-09-30', days: 30 } });
  expect(started.status()).toBe(202);
  const job = (await started.json()) as { id: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/jobs/${job.id}`)).json()) as { status: string }).status, { timeout: 90_000, intervals: [500, 1000, 2000] })
    .toBe('succeeded');
}

test.describe('the Features cell', () => {
  test.use({ storageState: storageFor('scientist') });

  test('a scientist adds a derive step, sees the expression error at its position, fixes it, previews and saves a version', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await ensureDemoSnapshot(page.request);
    await page.goto(`/projects/${SLUG}`);
    const cell = page.getByTestId('features-cell');
    await expect(cell).toBeVisible();
    // The default spec (version ≥ 1) and a preview fitted in the browser on the sample.
    await expect(cell.getByTestId('step-row').first()).toBeVisible();
    await expect(cell.getByTestId('preview-table')).toBeVisible({ timeout: 60_000 });
    const before = Number(await cell.getByTestId('spec-version').getAttribute('data-version'));
    expect(before).toBeGreaterThanOrEqual(1);
    const nSteps = await cell.getByTestId('step-row').count();

    await cell.getByTestId('add-step').click();
    await expect(cell.getByTestId('step-type')).toHaveValue('derive');
    await cell.getByTestId('derive-name').fill('rev_per_tenure');
    await cell.getByTestId('derive-expression').fill('tenure +* 2');
    const error = cell.getByTestId('expression-error');
    await expect(error).toBeVisible();
    await expect(error).toHaveAttribute('data-position', '8');
    await expect(error).toContainText('at 8:');
    // The caret sits under the offending character.
    await expect(error.locator('pre')).toContainText('tenure +* 2\n        ^');

    await cell.getByTestId('derive-expression').fill('avg_monthly_charges / (tenure + 1)');
    await expect(error).toHaveCount(0);
    await cell.getByTestId('step-save').click();
    await expect(cell.getByTestId('step-row')).toHaveCount(nSteps + 1);
    await expect(cell.getByTestId('step-row').last()).toContainText('rev_per_tenure = avg_monthly_charges / (tenure + 1)');

    await expect(cell.getByTestId('preview-features')).toContainText('rev_per_tenure');
    await expect(cell.getByTestId('preview-table').locator('th[data-feature="rev_per_tenure"]')).toBeVisible();
    await expect(cell.getByTestId('feature-warnings')).toBeVisible();
    await cell.getByTestId('preview-features').getByRole('button', { name: 'rev_per_tenure', exact: true }).click();
    await expect(cell.getByTestId('chart')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await page.screenshot({ path: testInfo.outputPath('features-cell.png'), fullPage: true });
    await testInfo.attach('features-cell', { path: testInfo.outputPath('features-cell.png'), contentType: 'image/png' });

    await cell.getByTestId('spec-save').click();
    await expect(cell.getByTestId('spec-version')).toHaveAttribute('data-version', String(before + 1));
    await expect(cell.getByTestId('spec-version')).toHaveText(`v${before + 1}`);

    // The new version is what the server returns now.
    const res = await page.request.get(`/api/projects/${SLUG}/feature-specs`);
    const body = (await res.json()) as { versions: { version: number; spec: { steps: { type: string; name?: string }[] } }[] };
    expect(body.versions[0].version).toBe(before + 1);
    expect(body.versions[0].spec.steps.at(-1)).toMatchObject({ type: 'derive', name: 'rev_per_tenure' });
  });

  test('the API answers a malformed spec with 422 naming the path', async ({ page }) => {
    const res = await page.request.post(`/api/projects/${SLUG}/feature-specs`, {
      data: { spec: { format: 'churnlab.feature-spec', version: 1, steps: [{ type: 'drop', columns: ['x'] }, { type: 'derive', name: 'x', expression: 'constructor(1)' }] } },
    });
    expect(res.status()).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/steps\[1\]\.expression: at 0:/);
  });
});

test.describe('as viewer', () => {
  test.use({ storageState: storageFor('viewer') });

  test('a viewer sees the steps but cannot edit or save', async ({ page }) => {
    await page.goto(`/projects/${SLUG}`);
    await expect(page.getByTestId('features-cell')).toBeVisible();
    await expect(page.getByTestId('add-step')).toHaveCount(0);
    await expect(page.getByTestId('spec-save')).toHaveCount(0);
    const res = await page.request.post(`/api/projects/${SLUG}/feature-specs`, { data: { spec: { format: 'churnlab.feature-spec', version: 1, steps: [] } } });
    expect(res.status()).toBe(403);
  });
});
