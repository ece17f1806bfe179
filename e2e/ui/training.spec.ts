import { existsSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { projectWithTelco, storageFor, TELCO } from '../helpers';


interface Job {
  id: string;
  status: string;
  progress: number;
  error: string | null;
  result: { runId?: string } | null;
}

async function startTraining(request: APIRequestContext, slug: string, body: Record<string, unknown>): Promise<Job> {
  const res = await request.post(`/api/projects/${encodeURIComponent(slug)}/runs`, { data: body });
  expect(res.status(), await res.text()).toBe(202);
  return (await res.json()) as Job;
}

async function waitForJob(request: APIRequestContext, id: string, timeoutMs = 180_000): Promise<Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = (await (await request.get(`/api/jobs/${encodeURIComponent(id)}`)).json()) as Job;
    if (job.status === 'succeeded') return job;
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(`job ${id} ${job.status}: ${job.error}`);
    if (Date.now() > until) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

test.describe('training runs', () => {
  test.use({ storageState: storageFor('scientist') });

  test('two GBDT runs trained through the API: the run page shows every chart, the compare page both runs', async ({ page }, testInfo) => {
    test.skip(!existsSync(TELCO), 'the Telco CSV is not beside the repo');
    test.setTimeout(420_000);
    const { slug, snapshotId } = await projectWithTelco(page, 'Telco training');

    // Bad params are refused up front (zod: unknown keys).
    const bad = await page.request.post(`/api/projects/${encodeURIComponent(slug)}/runs`, { data: { snapshotId, family: 'gbdt', params: { no_such_param: 1 } } });
    expect(bad.status()).toBeGreaterThanOrEqual(400);

    const jobA = await startTraining(page.request, slug, { snapshotId, family: 'gbdt', params: { max_iter: 30, learning_rate: 0.1 }, name: 'lr 0.1' });
    const jobB = await startTraining(page.request, slug, { snapshotId, family: 'gbdt', params: { max_iter: 30, learning_rate: 0.05 }, name: 'lr 0.05' });
    const [doneA, doneB] = await Promise.all([waitForJob(page.request, jobA.id), waitForJob(page.request, jobB.id)]);
    const runA = doneA.result!.runId!;
    const runB = doneB.result!.runId!;
    expect(runA).toBeTruthy();
    expect(runB).toBeTruthy();

    await page.goto(`/projects/${encodeURIComponent(slug)}/runs/${encodeURIComponent(runA)}`);
    await expect(page.getByTestId('run-name')).toHaveText('lr 0.1');
    await expect(page.getByTestId('run-metrics')).toContainText('ROC AUC');
    for (const id of ['roc-chart', 'pr-chart', 'calibration-chart', 'importance-chart']) {
      await expect(page.getByTestId(id).getByTestId('chart')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    }
    await expect(page.getByTestId(`roc-chart`).locator('svg').first()).toBeVisible();
    // Moving the threshold changes the confusion matrix; the four cells always add up to the test rows.
    const matrix = page.getByTestId('confusion-matrix');
    const counts = async () => Promise.all(['tp', 'fp', 'fn', 'tn'].map(async (k) => Number(await matrix.getAttribute(`data-${k}`))));
    const at05 = await counts();
    const testRows = at05.reduce((a, b) => a + b, 0);
    expect(testRows).toBeGreaterThan(1000);
    await page.getByTestId('threshold-slider').fill('0.1');
    await expect(page.getByTestId('threshold-value')).toHaveText('0.10');
    const at01 = await counts();
    expect(at01.reduce((a, b) => a + b, 0)).toBe(testRows);
    expect(at01[0]).toBeGreaterThanOrEqual(at05[0]); // a lower threshold catches at least as many churners
    expect(at01[1]).toBeGreaterThan(at05[1]);
    const model = page.getByTestId('artifact-model');
    await expect(model).toHaveAttribute('href', `/api/runs/${runA}/artifacts/model`);
    const artifact = await page.request.get(`/api/runs/${runA}/artifacts/model`);
    expect(artifact.status()).toBe(200);
    await page.screenshot({ path: testInfo.outputPath('run-page.png'), fullPage: true });
    await testInfo.attach('run page', { path: testInfo.outputPath('run-page.png'), contentType: 'image/png' });

    await page.goto(`/projects/${encodeURIComponent(slug)}/runs/compare?ids=${runA},${runB}`);
    const metrics = page.getByTestId('compare-metrics');
    await expect(metrics).toContainText('lr 0.1');
    await expect(metrics).toContainText('lr 0.05');
    await expect(page.getByTestId('compare-roc').getByTestId('chart')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    const params = page.getByTestId('compare-params');
    await expect(params.locator('[data-param="max_depth"]')).toHaveCount(1);
    await page.getByTestId('only-differences').check();
    await expect(params.locator('[data-param="learning_rate"]')).toHaveCount(1);
    await expect(params.locator('[data-param="max_depth"]')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('compare.png'), fullPage: true });
    await testInfo.attach('compare', { path: testInfo.outputPath('compare.png'), contentType: 'image/png' });
  });

  test('train from the Train cell, watch progress and the loss curve, then compare two runs from the runs table', async ({ page }) => {
    test.skip(!existsSync(TELCO), 'the Telco CSV is not beside the repo');
    test.setTimeout(420_000);
    const { slug } = await projectWithTelco(page, 'Telco notebook training');

    const startFromCell = async (learningRate: string, name: string) => {
      await expect(page.getByTestId('train-snapshot')).toBeEnabled();
      await page.getByTestId('train-family').selectOption('gbdt');
      await expect(page.getByTestId('param-learning_rate')).toHaveValue('0.1'); // the seed's params are pre-filled
      await expect(page.getByTestId('param-max_depth')).toHaveValue('10');
      await page.getByTestId('param-max_iter').fill('30');
      await page.getByTestId('param-learning_rate').fill(learningRate);
      await page.getByTestId('train-name').fill(name);
      await page.getByTestId('train-start').click();
      await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', /queued|running|succeeded/);
    };

    await startFromCell('0.1', 'cell lr 0.1');
    // Progress streams in: the bar moves and the loss curve appears while it runs (or once it has finished).
    await expect(async () => {
      expect(Number(await page.getByTestId('train-progress').getAttribute('data-progress'))).toBeGreaterThan(0);
    }).toPass({ timeout: 120_000 });
    await expect(page.getByTestId('loss-chart')).toBeVisible({ timeout: 120_000 });
    // A reload mid-run resumes the stream (the page passes the unfinished job back as activeJob); a finished
    // run shows in the runs table either way.
    await page.reload();
    await expect(page.getByTestId('runs-table')).toContainText('cell lr 0.1', { timeout: 180_000 });
    await startFromCell('0.05', 'cell lr 0.05');
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'succeeded', { timeout: 180_000 });
    await expect(page.getByTestId('run-row')).toHaveCount(2, { timeout: 30_000 });

    await page.getByTestId('sort-rocAuc').click();
    await page.getByTestId('run-select').nth(0).check();
    await page.getByTestId('run-select').nth(1).check();
    await page.getByTestId('compare-button').click();
    await expect(page).toHaveURL(new RegExp(`/projects/${slug}/runs/compare\\?ids=`));
    await expect(page.getByTestId('compare-metrics')).toContainText('cell lr 0.1');
    await expect(page.getByTestId('compare-metrics')).toContainText('cell lr 0.05');
  });
});
