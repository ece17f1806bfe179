/** Whether `.next` is missing or older than the sources it is built from (npm start and bench:api decide alike). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const BUILD_SOURCES = ['app', 'pages', 'components', 'lib', 'public', 'proxy.ts', 'next.config.js', 'package.json', 'tsconfig.json'];

/** Newest modification time under `p` (tests, generated code, dot-folders and node_modules aside). */
export function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(p, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'generated' || e.name.startsWith('.') || e.name.endsWith('.test.ts')) continue;
    max = Math.max(max, newestMtime(path.join(p, e.name)));
  }
  return max;
}

export function buildIsStale(buildId = '.next/BUILD_ID'): boolean {
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return BUILD_SOURCES.some((s) => newestMtime(s) > built);
}
