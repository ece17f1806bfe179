/** The build under test: `next build` when needed, then a private copy that `next start` serves. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { buildIsStale } from '../lib/build-stale';


/**
 * `next build` when the build is missing or older than the sources (as `npm start` does; `noBuild` skips that),
 * then a private copy of it in `dir/web`, so another `next build` in the same checkout cannot change the app
 * under test halfway through a run. `next start dir/web` serves it; node_modules is linked, not copied.
 */
export async function privateBuild(dir: string, noBuild: boolean, log: (msg: string) => void): Promise<string> {
  const built = existsSync('.next/BUILD_ID');
  const stale = !built || buildIsStale();
  if (!built && noBuild) throw new Error('no build in .next: run `npm run build` first, or drop --no-build');
  if (stale && noBuild) log('warning: .next is older than the sources (--no-build): benchmarking the existing build');
  if (stale && !noBuild) {
    log(`building the web app (${built ? 'sources changed' : 'no build yet'}; a minute or two)…`);
    const code = await new Promise<number>((resolve) => {
      const b = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], { env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 2, 2] });
      b.once('exit', (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  }
  const web = path.join(dir, 'web');
  await mkdir(web, { recursive: true });
  await cp('.next', path.join(web, '.next'), { recursive: true, filter: (src) => !/^\.next\/(cache|dev)(\/|$)/.test(path.relative('.', src)) });
  if (!existsSync(path.join(web, '.next', 'BUILD_ID'))) throw new Error('.next changed while it was copied (another build running?): try again');
  for (const f of ['next.config.js', 'package.json']) await cp(f, path.join(web, f));
  await symlink(path.resolve('node_modules'), path.join(web, 'node_modules'), 'dir');
  if (existsSync('public')) await symlink(path.resolve('public'), path.join(web, 'public'), 'dir');
  return web;
}
