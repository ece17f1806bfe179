import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';

/**
 * Browser-parity specs for pure `lib/` code (e2e/lib/): the modules are bundled with esbuild and injected into a
 * blank Chromium page, so no web server, database or sign-in is needed.
 *
 *   npx playwright test -c e2e/harness/playwright.lib.config.ts
 */
export default defineConfig({
  testDir: '../lib',
  testMatch: /.*\.spec\.ts/,
  outputDir: '../../test-results/lib',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 120_000,
  use: {
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
});
