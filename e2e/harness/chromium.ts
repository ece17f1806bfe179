/**
 * Chromium launch options for code outside the Playwright runner (benchmarks): taken from playwright.config.ts
 * so the executable (Debian's /usr/bin/chromium or $CHROMIUM_PATH) and flags stay defined in one place.
 */
import type { LaunchOptions } from 'playwright';
import config from '../../playwright.config';

/** `use.launchOptions` of playwright.config.ts; throws TypeError if the config no longer defines it. */
export function chromiumLaunchOptions(): LaunchOptions {
  const opts = config.use?.launchOptions;
  if (!opts || typeof opts.executablePath !== 'string') throw new TypeError('playwright.config.ts use.launchOptions.executablePath is not set');
  return { ...opts, args: [...(opts.args ?? [])] };
}
