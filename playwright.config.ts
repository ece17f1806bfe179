import { defineConfig, devices } from '@playwright/test';

/**
 * E2E against the real product: `scripts/start.ts` on a fresh data directory (embedded PostgreSQL, migrations,
 * demo users, web app and worker), driven by Debian's Chromium. Projects: `setup` signs in once per role and
 * saves the session; `api` talks HTTP; `ui` drives the browser.
 */
const PORT = Number(process.env.E2E_PORT ?? 3107);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    // Pure lib/ code bundled into a blank Chromium page and a Node worker thread: parity with Node, no server needed.
    { name: 'lib', testMatch: /lib\/.*\.spec\.ts/ },
    { name: 'api', testMatch: /api\/.*\.spec\.ts/, dependencies: ['setup'] },
    { name: 'ui', testMatch: /ui\/.*\.spec\.ts/, dependencies: ['setup'], use: { ...devices['Desktop Chrome'], channel: undefined } },
    // Issue K: the end-to-end journeys (demo source, Telco upload), one long test each with screenshots per step.
    { name: 'journey', testMatch: /journey\/.*\.spec\.ts/, dependencies: ['setup'], use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
  webServer: {
    command: `node --conditions=react-server --import tsx scripts/start.ts --fresh --data-dir .data-e2e --port ${PORT}`,
    url: `${BASE_URL}/api/ready`,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    env: { SIGNIN_MAX_FAILURES: '5', DEMO_SOURCE_CUSTOMERS: '2000', NEXT_TELEMETRY_DISABLED: '1', CRON_SECRET: 'e2e-cron-secret-not-for-production' },
  },
});
