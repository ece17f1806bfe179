import { existsSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { projectWithTelco, signInAs, TELCO } from '../helpers';


async function serverTraining(page: Page, slug: string): Promise<{ trainJobs: number; runs: number }> {
  const s = encodeURIComponent(slug);
  const jobs = (await (await page.request.get(`/api/projects/${s}/jobs`)).json()) as { jobs: { type: string }[] };
  const runs = (await (await page.request.get(`/api/projects/${s}/runs`)).json()) as { runs: unknown[] };
  return { trainJobs: jobs.jobs.filter((j) => j.type === 'train').length, runs: runs.runs.length };
}

async function runQuick(page: Page, kind: 'gbdt' | 'logreg', rowCap: string): Promise<number> {
  const panel = page.getByTestId('quick-model');
  await panel.getByTestId('quick-kind').selectOption(kind);
  await panel.getByTestId('quick-row-cap').fill(rowCap);
  await panel.getByTestId('quick-run').click();
  const result = panel.getByTestId('quick-result');
  await expect(result).toHaveAttribute('data-kind', kind, { timeout: 90_000 });
  const auc = Number(await panel.getByTestId('quick-auc').textContent());
  expect(auc).toBeGreaterThan(0.75);
  expect(auc).toBeLessThanOrEqual(1);
  const items = panel.getByTestId('quick-importance');
  await expect(items).toHaveCount(10);
  await expect(panel.getByTestId('quick-importance-chart').getByTestId('chart')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(panel.getByTestId('quick-note')).toContainText('A first read');
  return auc;
}

test.describe('quick model in the browser', () => {
  // Signs in itself rather than reading e2e/.auth: the quick model needs only one role, and a fresh session
  // keeps this spec independent of the setup project's saved files.
  test.use({ storageState: { cookies: [], origins: [] } });

  test('GBDT and logistic regression fitted in a Web Worker give an AUC and importances, and create no server job', async ({ page }, testInfo) => {
    test.skip(!existsSync(TELCO), 'the Telco CSV is not beside the repo');
    test.setTimeout(240_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Unhandled|quick/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));

    await signInAs(page, 'scientist');
    const { slug } = await projectWithTelco(page, 'Telco quick model');
    const before = await serverTraining(page, slug);
    expect(before).toEqual({ trainJobs: 0, runs: 0 });
    const panel = page.getByTestId('quick-model');
    await expect(panel).toBeVisible();

    // A bad row cap is refused in the form, naming the field.
    await panel.getByTestId('quick-row-cap').fill('lots');
    await panel.getByTestId('quick-run').click();
    await expect(panel.getByTestId('quick-error')).toContainText('row cap');

    // Cancel terminates the run: no result appears.
    await panel.getByTestId('quick-kind').selectOption('logreg');
    await panel.getByTestId('quick-row-cap').fill('20000');
    await panel.getByTestId('quick-run').click();
    await panel.getByTestId('quick-cancel').click();
    await expect(panel.getByTestId('quick-cancelled')).toBeVisible();
    await expect(panel.getByTestId('quick-result')).toHaveCount(0);

    const gbdtAuc = await runQuick(page, 'gbdt', '4000');
    await expect(panel.getByTestId('quick-rows')).toContainText('3,200 train + 800 holdout rows');
    await expect(panel.getByTestId('quick-note')).toContainText('4,000-row sample of the 7,043 rows');
    await page.screenshot({ path: testInfo.outputPath('quick-gbdt.png'), fullPage: true });
    await testInfo.attach('quick GBDT', { path: testInfo.outputPath('quick-gbdt.png'), contentType: 'image/png' });

    const lrAuc = await runQuick(page, 'logreg', '4000');
    await expect(panel.getByTestId('quick-importances')).toContainText(/raises churn|lowers churn/);
    await page.screenshot({ path: testInfo.outputPath('quick-logreg.png'), fullPage: true });
    await testInfo.attach('quick logistic regression', { path: testInfo.outputPath('quick-logreg.png'), contentType: 'image/png' });
    testInfo.annotations.push({ type: 'auc', description: `gbdt ${gbdtAuc}, logreg ${lrAuc}` });

    // The fit ran in a dedicated worker, not on the page.
    expect(workers.length).toBeGreaterThan(0);
    // "Train on the server" preselects the family in the server form; nothing was started on the server.
    await panel.getByTestId('quick-train-on-server').click();
    await expect(page.getByTestId('train-family')).toHaveValue('logreg');
    expect(await serverTraining(page, slug)).toEqual(before);
    expect(problems).toEqual([]);
  });
});
