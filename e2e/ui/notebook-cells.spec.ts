import { expect, test, type Page } from '@playwright/test';
import { storageFor } from '../helpers';

/** A small upload: `n` customers, target Churn (Yes/No). */
function smallCsv(n = 30): Buffer {
  const rows = ['customerID,tenure,MonthlyCharges,Churn'];
  for (let i = 0; i < n; i++) rows.push(`C${i},${i + 1},${(20 + i * 1.5).toFixed(2)},${i % 3 === 0 ? 'Yes' : 'No'}`);
  return Buffer.from(rows.join('\n') + '\n');
}

async function newProject(page: Page, name: string) {
  await page.goto('/');
  await page.getByLabel('Name').fill(`${name} ${Date.now()}`);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('project-name')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText('No changes yet');
}

const codeCells = (page: Page) => page.locator('[data-cell-kind="code"]');
const cellNamed = (page: Page, name: string) => page.locator(`[data-cell-kind="code"][data-cell-name="${name}"]`);

async function addCode(page: Page, after: string, name: string, source: string) {
  const ids = () => codeCells(page).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cellId ?? ''));
  const before = await ids();
  await page.getByTestId(`insert-after-${after}`).getByRole('button', { name: '+ Code' }).click();
  await expect(codeCells(page)).toHaveCount(before.length + 1);
  const id = (await ids()).find((x) => !before.includes(x));
  await page.locator(`#cell-${id}`).getByLabel('Cell name').fill(name);
  const c = cellNamed(page, name);
  await c.getByTestId('code-editor').fill(source);
  return c;
}

test.describe('notebook free cells', () => {
  test.use({ storageState: storageFor('scientist') });

  test('code cells run with Shift+Enter over the snapshot, go stale after an upstream edit, and re-run; markdown, chart, delete + undo, autosave across reload', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await newProject(page, 'Cells');
    await page.getByTestId('upload-input').setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: smallCsv() });
    await expect(page.getByTestId('upload-draft')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('create-snapshot').click();
    await expect(page.getByTestId('status-data')).toHaveText('Passed', { timeout: 30_000 });

    // base reads snapshot; Shift+Enter runs it
    const base = await addCode(page, 'data', 'base', 'return snapshot.slice(0, 5);');
    await base.getByTestId('code-editor').press('Shift+Enter');
    await expect(base.getByTestId('cell-output-table')).toHaveAttribute('data-total-rows', '5', { timeout: 30_000 });

    // total reads base by name
    const baseId = await base.getAttribute('data-cell-id');
    const total = await addCode(page, baseId!, 'total', 'return base.numRows();');
    await total.getByTestId('code-editor').press('Control+Enter');
    await expect(total.getByTestId('cell-output-value')).toHaveText('5', { timeout: 30_000 });
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);

    // editing base marks base and total stale; Re-run stale runs them in order
    await base.getByTestId('code-editor').fill('return snapshot.slice(0, 3);');
    await expect(total.getByTestId('cell-stale')).toBeVisible();
    await expect(base.getByTestId('cell-stale')).toBeVisible();
    await expect(page.getByTestId('stale-banner')).toContainText('2 cells are stale');
    await page.getByTestId('stale-banner').getByRole('button', { name: 'Re-run stale' }).click();
    await expect(page.getByTestId('stale-banner')).toHaveCount(0, { timeout: 30_000 });
    await expect(total.getByTestId('cell-output-value')).toHaveText('3');

    // markdown at the top, rendered safely
    await page.getByTestId('insert-after-top').getByRole('button', { name: '+ Markdown' }).click();
    const md = page.locator('[data-cell-kind="markdown"]');
    await md.getByLabel('Markdown source').fill('# Notes\nChurn is **rare** <b>here</b>');
    await md.getByTestId('markdown-toggle').click();
    await expect(md.getByTestId('markdown-view').getByRole('heading', { name: 'Notes' })).toBeVisible();
    await expect(md.getByTestId('markdown-view')).toContainText('<b>here</b>');

    // a chart over the snapshot
    const totalId = await total.getAttribute('data-cell-id');
    await page.getByTestId(`insert-after-${totalId}`).getByRole('button', { name: '+ Chart' }).click();
    await expect(page.locator('[data-cell-kind="chart"]').getByTestId('chart-builder')).toBeVisible();

    // delete + Undo (toast), delete + Ctrl+Z
    await total.getByRole('button', { name: 'Delete cell' }).click();
    await expect(codeCells(page)).toHaveCount(1);
    await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
    await expect(codeCells(page)).toHaveCount(2);
    await cellNamed(page, 'total').getByRole('button', { name: 'Delete cell' }).click();
    await expect(codeCells(page)).toHaveCount(1);
    await page.getByTestId('project-name').click();
    await page.keyboard.press('Control+z');
    await expect(codeCells(page)).toHaveCount(2);

    await expect(page.getByTestId('save-status')).toHaveText(/^Saved · v\d+$/, { timeout: 15_000 });
    await page.screenshot({ path: testInfo.outputPath('notebook-cells.png'), fullPage: true });
    await page.reload();
    await expect(page.locator('[data-cell-kind="markdown"]').getByRole('heading', { name: 'Notes' })).toBeVisible();
    await expect(cellNamed(page, 'base').getByTestId('code-editor')).toHaveValue('return snapshot.slice(0, 3);');
    await expect(cellNamed(page, 'total')).toBeVisible();
    await expect(page.locator('[data-cell-kind="chart"]')).toHaveCount(1);
    // the notebook's free cells sit between the stage cells, which stay in order
    await expect(page.locator('.cell-title')).toHaveText(['Data', 'Validate', 'Features', 'Train', 'Evaluate', 'Registry', 'Serve & Score', 'Monitor']);
  });

  test('the palette adds a cell; named versions, restore, pipeline change shown; deep links highlight a cell', async ({ page }) => {
    test.setTimeout(90_000);
    await newProject(page, 'Palette');
    await page.getByTestId('project-name').click();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await page.keyboard.type('add markdown');
    await page.keyboard.press('Enter');
    await expect(palette).toHaveCount(0);
    const md = page.locator('[data-cell-kind="markdown"]');
    await expect(md).toHaveCount(1);
    await md.getByLabel('Markdown source').fill('first');
    await expect(page.getByTestId('save-status')).toHaveText('Saved · v1', { timeout: 15_000 });

    // a named version from the palette, then an edit after it
    await page.getByTestId('project-name').click();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('baseline');
    await palette.getByRole('option', { name: 'Save version "baseline"' }).click();
    await expect(page.getByTestId('toast')).toContainText('Saved version "baseline"');
    await md.getByLabel('Markdown source').fill('second');
    await expect(page.getByTestId('save-status')).toHaveText('Saved · v3', { timeout: 15_000 });

    // the pipeline settings are part of the notebook: a change is saved as its own version and shown
    await page.getByTestId('schedule-summary').getByText('Pipeline settings').click();
    await page.getByLabel('Training params (JSON)').fill('{"max_iter":200}');
    await expect(page.getByTestId('pipeline-changed')).toHaveText('Changed in v4: training.params.max_iter (unset) → 200', { timeout: 15_000 });

    // restore the named version: a new version with its content (and its pipeline settings)
    await page.getByTestId('open-versions').click();
    const drawer = page.getByTestId('versions-drawer');
    await expect(drawer.getByTestId('version-2')).toContainText('named');
    await drawer.getByTestId('version-2').getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByTestId('save-status')).toHaveText('Saved · v5', { timeout: 15_000 });
    await expect(drawer.getByTestId('version-5')).toContainText('restore');
    await drawer.getByRole('button', { name: 'Close' }).click();
    await expect(md.getByLabel('Markdown source')).toHaveValue('first');
    await expect(page.getByTestId('pipeline-changed')).toContainText('Changed in v5: training.params.max_iter 200 → (unset)');

    // deep link: the cell's anchor scrolls to it and highlights it
    const id = await md.getAttribute('data-cell-id');
    await page.goto(`${page.url().split('#')[0]}#cell-${id}`);
    await page.reload();
    await expect(page.locator(`#cell-${id}`)).toHaveAttribute('data-highlighted', 'true');
    await expect(page.locator(`#cell-${id}`)).toBeInViewport();
    await expect(page.locator('#cell-monitor')).toBeVisible();
  });
});

test.describe('stage cells', () => {
  test.use({ storageState: storageFor('scientist') });

  test('a stage whose input moved on shows Stale with the reason', async ({ page }) => {
    test.setTimeout(90_000);
    await newProject(page, 'Stale stages');
    const upload = async (n: number) => {
      await page.getByTestId('upload-input').setInputFiles({ name: `small-${n}.csv`, mimeType: 'text/csv', buffer: smallCsv(n) });
      await expect(page.getByTestId('upload-draft')).toBeVisible({ timeout: 60_000 });
      await page.getByTestId('create-snapshot').click();
      await expect(page.getByTestId('snapshot-row').filter({ hasText: String(n) }).first()).toBeVisible({ timeout: 30_000 });
    };
    await upload(30);
    const slug = new URL(page.url()).pathname.split('/').pop()!;
    const { snapshots } = (await (await page.request.get(`/api/projects/${slug}/snapshots`)).json()) as { snapshots: { id: string }[] };
    expect((await page.request.post(`/api/projects/${slug}/validations`, { data: { snapshotId: snapshots[0].id } })).status()).toBe(201);
    await page.reload();
    await expect(page.getByTestId('status-validate')).not.toHaveText('Stale');
    await upload(40);
    await expect(page.getByTestId('status-validate')).toHaveText('Stale', { timeout: 15_000 });
    await expect(page.getByTestId('stale-why-validate')).toContainText('the newest snapshot is');
    await expect(page.getByTestId('status-validate')).toHaveAttribute('title', /The latest validation ran on snapshot/);
  });
});

test.describe('as viewer', () => {
  test.use({ storageState: storageFor('viewer') });
  test('the notebook is read-only: no inserters, no delete, not saved', async ({ page }) => {
    await page.goto('/projects/telco-churn-demo');
    await expect(page.getByTestId('save-status')).toHaveText(/^Read-only/);
    await expect(page.locator('[data-testid^="insert-after-"]')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete cell' })).toHaveCount(0);
  });
});
