/**
 * Bundles pure `lib/` modules for a browser page (or an `eval` worker thread) with esbuild, so Playwright can
 * run the very code the app ships in Chromium without a web server: `page.addScriptTag({ content })`, then
 * `page.evaluate(() => globalThis.ChurnLab.…)`.
 *
 * The entry is TypeScript source resolved from the repo root; the `@/` alias comes from tsconfig.json `paths`.
 * Output is one IIFE script that assigns the entry's exports to `globalThis[globalName]` (default `ChurnLab`).
 */
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in `e2e/harness/`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Global the bundle's exports are assigned to. */
export const BUNDLE_GLOBAL = 'ChurnLab';

export interface BundleOptions {
  /** Name of the global that receives the entry's exports. Default `ChurnLab`. */
  globalName?: string;
  /** Minify the output (default false: readable stack traces in failures). */
  minify?: boolean;
}

const cache = new Map<string, Promise<string>>();

/**
 * Bundles `entrySource` (TypeScript, e.g. `export * from '@/lib/ml/gbdt';`) into a self-contained browser IIFE.
 * Results are cached in memory per (entry, options), so every test in a worker process bundles once.
 * Throws esbuild's error (with file/line locations) when a module does not resolve or compile.
 */
export function bundleForBrowser(entrySource: string, opts: BundleOptions = {}): Promise<string> {
  const globalName = opts.globalName ?? BUNDLE_GLOBAL;
  if (!/^[A-Za-z_$][\w$]*$/.test(globalName)) throw new TypeError(`globalName must be a JS identifier, got ${JSON.stringify(globalName)}`);
  const key = `${globalName}\0${opts.minify ? 1 : 0}\0${entrySource}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = bundle(entrySource, globalName, opts.minify === true);
    // A failed build is not cached: the next call retries and reports its own error.
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

async function bundle(entrySource: string, globalName: string, minify: boolean): Promise<string> {
  const result = await build({
    stdin: { contents: entrySource, loader: 'ts', resolveDir: REPO_ROOT, sourcefile: 'browser-entry.ts' },
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'es2022',
    tsconfig: resolve(REPO_ROOT, 'tsconfig.json'),
    // lib/ must not read process.env; defining NODE_ENV only keeps dependencies (zod, papaparse) on their browser path.
    define: { 'process.env.NODE_ENV': '"production"' },
    minify,
    write: false,
    logLevel: 'silent',
  });
  if (result.outputFiles.length !== 1) throw new Error(`esbuild produced ${result.outputFiles.length} output files, expected 1`);
  // `var ChurnLab = …` is global in a classic <script> but module-local elsewhere; assign explicitly.
  return `${result.outputFiles[0].text}\nglobalThis.${globalName} = ${globalName};\n`;
}
