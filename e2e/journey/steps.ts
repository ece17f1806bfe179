/**
 * The steps every journey shares (issue K): each one drives the real UI the way a user would; the API is used only
 * where the step is an API client's (the prediction call with a new key) or to read facts back for assertions.
 * The serving steps (API key, prediction calls, batch scoring, monitoring, dashboard) are in serve-steps.ts.
 * Screenshots of each step are written to the test's output folder and attached to the HTML report.
 */
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import { signIn, signInAs, storageFor, type RoleName } from '../helpers';

/** A random suffix so journeys (and their reruns) never share projects, users, keys or model names. */
export const suffix = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A full-page screenshot kept in test-results and attached to the HTML report. */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** Fills a controlled input, retrying until the hydrated component holds the value (a fill before hydration is lost). */
export async function fillHydrated(input: Locator, value: string): Promise<void> {
  await expect(async () => {
    await input.fill(value);
    await expect(input).toHaveValue(value, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * A browser context for a demo user from its saved session (e2e/auth.setup.ts). When that session does not belong
 * to this server (another run's setup rewrote the shared file, or the server restarted with a new secret), the
 * user signs in through the form instead.
 */
export async function contextAs(browser: Browser, baseURL: string, role: RoleName): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ baseURL, storageState: storageFor(role) });
  const page = await ctx.newPage();
  await page.goto('/');
  const shown = await page.getByTestId('role').textContent({ timeout: 5000 }).catch(() => null);
  if (shown !== role) await signInAs(page, role);
  return { ctx, page };
}

export interface NewUser {
  email: string;
  password: string;
}

/** An admin adds a scientist in Admin → Users (a fresh admin context, closed afterwards). */
export async function adminCreatesScientist(browser: Browser, baseURL: string, tag: string, testInfo: TestInfo, shotName: string): Promise<NewUser> {
  const user = { email: `scientist-${tag}@example.com`, password: `journey-${tag}-pass` };
  const { ctx, page } = await contextAs(browser, baseURL, 'admin');
  try {
    await page.goto('/admin/users');
    await expect(page.getByTestId('users-table')).toBeVisible();
    await fillHydrated(page.getByLabel('Email'), user.email);
    await page.getByLabel('Name').fill(`Journey scientist ${tag}`);
    await page.getByLabel('Initial password (10+ characters)').fill(user.password);
    await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('scientist');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('status')).toHaveText(`created ${user.email}`);
    await expect(page.getByLabel(`Role of ${user.email}`)).toHaveValue('scientist');
    await shot(page, testInfo, shotName);
  } finally {
    await ctx.close();
  }
  return user;
}

/** A fresh browser context (no saved session) where `user` signs in through the sign-in form. */
export async function signInFresh(browser: Browser, baseURL: string, user: NewUser, role: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ baseURL });
  const page = await ctx.newPage();
  await signIn(page, user.email, user.password);
  await expect(page.getByTestId('role')).toHaveText(role);
  await expect(page.getByTestId('whoami')).toContainText(user.email);
  return { ctx, page };
}

/** Creates a project from the Projects page; returns its slug (read from the notebook URL). */
export async function createProject(page: Page, name: string): Promise<string> {
  await page.goto('/');
  await fillHydrated(page.getByLabel('Name'), name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('project-name')).toHaveText(name);
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
}

export const projectPath = (slug: string) => `/projects/${encodeURIComponent(slug)}`;

/** Opens the notebook and waits for the client cells to be hydrated (the features preview loads in the browser). */
export async function openNotebook(page: Page, slug: string): Promise<void> {
  await page.goto(projectPath(slug));
  await expect(page.getByTestId('project-name')).toBeVisible();
}

/** The Validate cell's run button; then waits for the run's verdict badge. */
export async function runValidation(page: Page, expected: 'passed' | 'failed'): Promise<void> {
  const cell = page.getByTestId('validate-cell');
  await cell.getByTestId('validation-run').click();
  await expect(cell.getByTestId('validation-status')).toHaveAttribute('data-status', expected, { timeout: 60_000 });
  await expect(cell.getByTestId('gate-banner')).toHaveAttribute('data-state', expected);
}

/** Loads the 20 000-row sample in the Validate cell so each expectation shows its live pass rate. */
export async function loadValidationSample(page: Page): Promise<void> {
  const cell = page.getByTestId('validate-cell');
  await expect(async () => {
    const load = cell.getByTestId('sample-load');
    if (await load.isVisible()) await load.click();
    await expect(cell.getByTestId('sample-info')).toBeVisible({ timeout: 5000 });
  }).toPass({ timeout: 60_000 });
}

/** Training refused while the gate is closed: the Train cell's start answers with the server's refusal. */
export async function expectTrainingBlocked(page: Page): Promise<void> {
  const train = page.getByTestId('train-cell');
  await train.getByTestId('train-start').click();
  await expect(train.getByTestId('train-error')).toContainText('failed validation');
  await expect(train.getByTestId('train-status')).toHaveCount(0);
}

/**
 * Adds a derive step through the Features cell editor and moves it up above any bin/encode/scale steps, so the
 * new column is binned/encoded/scaled like the others.
 */
export async function addDerivedFeature(page: Page, name: string, expression: string, note: string): Promise<void> {
  const cell = page.getByTestId('features-cell');
  const rows = cell.getByTestId('step-row');
  const before = await rows.count();
  await cell.getByTestId('add-step').click();
  const form = cell.getByTestId('step-form');
  await expect(form.getByTestId('step-type')).toHaveValue('derive');
  await form.getByTestId('derive-name').fill(name);
  await form.getByTestId('derive-expression').fill(expression);
  await form.getByLabel('Note (optional)').fill(note);
  await expect(form.getByTestId('expression-error')).toHaveCount(0);
  await form.getByTestId('step-save').click();
  await expect(rows).toHaveCount(before + 1);
  await expect(rows.last()).toContainText(`${name} = ${expression}`);
  let at = before;
  while (at > 0 && ['bin', 'encode', 'scale'].includes((await rows.nth(at - 1).getAttribute('data-type')) ?? '')) {
    await cell.getByRole('button', { name: `Move step ${at + 1} up` }).click();
    at--;
  }
  await expect(rows.nth(at)).toContainText(`${name} = ${expression}`);
}

/** Saves the Features cell's draft as a new spec version; returns the version number. */
export async function saveSpecVersion(page: Page, note: string): Promise<number> {
  const cell = page.getByTestId('features-cell');
  const before = Number(await cell.getByTestId('spec-version').getAttribute('data-version'));
  await cell.getByLabel('Version note').fill(note);
  await cell.getByTestId('spec-save').click();
  await expect(cell.getByTestId('spec-version')).toHaveAttribute('data-version', String(before + 1));
  return before + 1;
}

/** Starts a GBDT run from the Train cell with `params` typed into the form, waits for it; returns the run id. */
export async function trainInCell(page: Page, name: string, params: Record<string, string>): Promise<string> {
  const cell = page.getByTestId('train-cell');
  await cell.getByTestId('train-family').selectOption('gbdt');
  for (const [k, v] of Object.entries(params)) await fillHydrated(cell.getByTestId(`param-${k}`), v);
  await fillHydrated(cell.getByTestId('train-name'), name);
  // The previous run's job stays on show until the new one is accepted: wait for the new job before its status.
  const job = cell.locator('[data-job-id]');
  const previous = (await job.count()) > 0 ? await job.getAttribute('data-job-id') : null;
  await cell.getByTestId('train-start').click();
  if (previous) await expect(job).not.toHaveAttribute('data-job-id', previous);
  await expect(job).toHaveCount(1);
  const status = cell.getByTestId('train-status');
  await expect(status).toHaveAttribute('data-status', /succeeded|failed|cancelled/, { timeout: 240_000 });
  const error = (await cell.getByTestId('train-error').allTextContents()).join(' ');
  expect(await status.getAttribute('data-status'), error).toBe('succeeded');
  const href = await cell.getByTestId('train-run-link').getAttribute('href');
  return decodeURIComponent(href!.split('/').at(-1)!);
}

interface RunSummary {
  id: string;
  name: string;
  status: string;
  metrics: { rocAuc?: number };
  featureSpecVersion?: number | null;
}

/** The project's runs as the API lists them (to read facts back, e.g. which run has the better ROC AUC). */
export async function listRuns(request: APIRequestContext, slug: string): Promise<RunSummary[]> {
  const res = await request.get(`/api/projects/${encodeURIComponent(slug)}/runs`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { runs: RunSummary[] }).runs;
}

/** Selects both runs in the Evaluate cell and opens the compare view; checks both runs and the overlaid ROC. */
export async function compareTwoRuns(page: Page, slug: string, names: [string, string]): Promise<void> {
  const cell = page.getByTestId('evaluate-cell');
  await expect(cell.getByTestId('run-row')).toHaveCount(2, { timeout: 30_000 });
  await cell.getByTestId('run-select').nth(0).check();
  await cell.getByTestId('run-select').nth(1).check();
  await cell.getByTestId('compare-button').click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/runs/compare\\?ids=`));
  const metrics = page.getByTestId('compare-metrics');
  for (const n of names) await expect(metrics).toContainText(n);
  await expect(metrics).toContainText('ROC AUC');
  await expect(page.getByTestId('compare-roc').getByTestId('chart')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.getByTestId('only-differences').check();
  await expect(page.getByTestId('compare-params').locator('[data-param="learning_rate"]')).toHaveCount(1);
}

/**
 * Trains two runs from the Train cell (`<prefix> lr 0.1` and `<prefix> lr 0.3`, otherwise `params`), checks both
 * succeeded on the saved feature spec `specVersion`, compares them, and returns the id of the one with the higher
 * ROC AUC. Screenshots `<shot>06-trained` and `<shot>07-compare`.
 */
export async function trainTwiceAndCompare(
  page: Page,
  testInfo: TestInfo,
  opts: { slug: string; prefix: string; params: Record<string, string>; specVersion: number; shotName: (n: string) => string },
): Promise<string> {
  const [nameA, nameB] = [`${opts.prefix} lr 0.1`, `${opts.prefix} lr 0.3`] as [string, string];
  const runA = await trainInCell(page, nameA, { ...opts.params, learning_rate: '0.1' });
  await shot(page, testInfo, opts.shotName('06-trained'));
  const runB = await trainInCell(page, nameB, { ...opts.params, learning_rate: '0.3' });
  const runs = await listRuns(page.request, opts.slug);
  expect(runs.map((r) => r.id).sort()).toEqual([runA, runB].sort());
  for (const r of runs) {
    expect(r.status).toBe('succeeded');
    expect(r.featureSpecVersion).toBe(opts.specVersion); // trained on the saved spec
  }
  const best = [...runs].sort((a, b) => (b.metrics.rocAuc ?? 0) - (a.metrics.rocAuc ?? 0))[0].id;
  await compareTwoRuns(page, opts.slug, [nameA, nameB]);
  await shot(page, testInfo, opts.shotName('07-compare'));
  return best;
}

/** Registers `runId` as version 1 of `modelName` in the Registry cell. */
export async function registerRun(page: Page, runId: string, modelName: string, note: string): Promise<void> {
  const cell = page.getByTestId('registry-cell');
  await expect(cell.getByTestId('register-run').locator(`option[value="${runId}"]`)).toHaveCount(1);
  await cell.getByTestId('register-run').selectOption(runId);
  await fillHydrated(cell.getByTestId('register-model-name'), modelName);
  await cell.getByTestId('register-note').fill(note);
  await cell.getByTestId('register-submit').click();
  await expect(cell.getByTestId('register-done')).toHaveAttribute('data-version', '1');
  const model = cell.locator(`[data-testid="registered-model"][data-model="${modelName}"]`);
  await expect(model.getByTestId('version-row')).toHaveCount(1);
  await expect(model.getByTestId('model-champion')).toHaveAttribute('data-version', '');
}

/** The approver (saved session, own context) promotes v1 to champion in the Registry cell with a reason. */
export async function approverPromotes(browser: Browser, baseURL: string, slug: string, modelName: string, reason: string, testInfo: TestInfo, shotName: string): Promise<void> {
  const { ctx, page } = await contextAs(browser, baseURL, 'approver');
  try {
    await openNotebook(page, slug);
    const model = page.getByTestId('registry-cell').locator(`[data-testid="registered-model"][data-model="${modelName}"]`);
    const v1 = model.locator('[data-testid="version-row"][data-version="1"]');
    await expect(async () => {
      await v1.getByTestId('promote-champion').click();
      await expect(v1.getByTestId('promote-reason')).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await v1.getByTestId('promote-reason').fill(reason);
    await v1.getByTestId('promote-confirm').click();
    await expect(v1.getByTestId('promote-done')).toContainText('v1 is now champion');
    await expect(model.getByTestId('model-champion')).toHaveAttribute('data-version', '1');
    await expect(v1.getByTestId('alias-champion')).toBeVisible();
    await shot(page, testInfo, shotName);
  } finally {
    await ctx.close();
  }
}
