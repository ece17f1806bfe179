import { expect, test } from '@playwright/test';
import { storageFor } from '../helpers';

const STAGES = ['Data', 'Validate', 'Features', 'Train', 'Evaluate', 'Registry', 'Serve & Score', 'Monitor'];

test.describe('projects and the notebook shell', () => {
  test.use({ storageState: storageFor('scientist') });

  test('the demo project is a notebook of the pipeline stages, in order', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page.getByTestId('project-list')).toContainText('Telco churn (demo)');
    await page.screenshot({ path: testInfo.outputPath('home.png'), fullPage: true });
    await testInfo.attach('home', { path: testInfo.outputPath('home.png'), contentType: 'image/png' });

    await page.getByRole('link', { name: /Telco churn \(demo\)/ }).click();
    await expect(page.getByTestId('project-name')).toHaveText('Telco churn (demo)');
    const titles = page.locator('.cell-title');
    await expect(titles).toHaveText(STAGES);
    await expect(page.getByTestId('cell-data').getByTestId('data-cell')).toBeVisible();
    for (const id of ['data', 'validate', 'features', 'train', 'evaluate', 'registry', 'serve', 'monitor']) {
      await expect(page.getByTestId(`status-${id}`)).toBeVisible();
    }
    // Every stage cell has its body: the later stages too.
    for (const id of ['registry', 'serve', 'monitor']) {
      await expect(page.getByTestId(`cell-${id}`).getByTestId(`${id}-cell`)).toBeVisible();
    }
    await expect(page.getByTestId('cell-serve').getByTestId('batch-panel')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('notebook.png'), fullPage: true });
    await testInfo.attach('notebook', { path: testInfo.outputPath('notebook.png'), contentType: 'image/png' });
  });

  test('a scientist creates a project and lands on its notebook', async ({ page }) => {
    const name = `E2E project ${Date.now()}`;
    await page.goto('/');
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create project' }).click();
    await expect(page.getByTestId('project-name')).toHaveText(name);
    await expect(page.locator('.cell')).toHaveCount(STAGES.length);
  });
});

test.describe('as viewer', () => {
  test.use({ storageState: storageFor('viewer') });
  test('can open the notebook but cannot create projects', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Create project' })).toHaveCount(0);
    await page.goto('/projects/telco-churn-demo');
    await expect(page.locator('.cell')).toHaveCount(STAGES.length);
  });
});
