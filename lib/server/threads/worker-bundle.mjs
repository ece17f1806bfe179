// Worker-thread entries as one ES module each. A worker that loads its TypeScript through tsx resolves and
// transforms every module of its graph through the loader hooks (~0.6-0.8 s before it can work, on a core the
// caller usually needs); the same graph bundled by esbuild (packages left as imports) loads in ~0.2 s.
//
// importWorkerEntry(entry) imports the bundle of `entry` (a .ts file URL) from node_modules/.cache/churnlab-threads,
// rebuilding it first when any of its source files changed (their sha1s are kept beside it), and falls back to
// tsx when esbuild is unavailable or fails, or when CHURNLAB_WORKER_BUNDLES=0. Plain JavaScript: it runs before
// any TypeScript can.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sha1 = (data) => createHash('sha1').update(data).digest('hex');

function cacheDir(root) {
  return path.join(root, 'node_modules', '.cache', 'churnlab-threads');
}

/** The project root: the nearest directory above `file` with a package.json. */
function projectRoot(file) {
  let dir = path.dirname(file);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${file}`);
    dir = up;
  }
  return dir;
}

/** The bundle's path when it exists and every source it was built from is unchanged, else null. */
function freshBundle(manifestPath, bundlePath) {
  if (!existsSync(manifestPath) || !existsSync(bundlePath)) return null;
  try {
    const { inputs } = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const [file, hash] of Object.entries(inputs)) if (!existsSync(file) || sha1(readFileSync(file)) !== hash) return null;
    return bundlePath;
  } catch {
    return null;
  }
}

async function build(entryFile, root, bundlePath, manifestPath) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entryFile],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // node_modules stay imports, resolved from the bundle's place under node_modules
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const inputs = {};
  for (const rel of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(root, rel);
    inputs[file] = sha1(readFileSync(file));
  }
  mkdirSync(path.dirname(bundlePath), { recursive: true });
  // temp file, then rename: a worker booting at the same time reads the old bundle or the new one, never half
  const tmp = `${bundlePath}.${randomUUID()}.tmp`;
  const tmpManifest = `${manifestPath}.${randomUUID()}.tmp`;
  try {
    writeFileSync(tmp, result.outputFiles[0].contents);
    writeFileSync(tmpManifest, JSON.stringify({ entry: entryFile, inputs }));
    renameSync(tmp, bundlePath);
    renameSync(tmpManifest, manifestPath);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(tmpManifest, { force: true });
  }
}

/** The path of the bundle of `entry` (file URL of a .ts module), built or rebuilt when it is missing or stale. */
export async function ensureWorkerBundle(entry) {
  const entryFile = fileURLToPath(entry);
  const root = projectRoot(entryFile);
  const name = `${path.basename(entryFile, '.ts')}-${sha1(entryFile).slice(0, 10)}`;
  const bundlePath = path.join(cacheDir(root), `${name}.mjs`);
  const manifestPath = path.join(cacheDir(root), `${name}.json`);
  if (!freshBundle(manifestPath, bundlePath)) await build(entryFile, root, bundlePath, manifestPath);
  return bundlePath;
}

/** Every worker-thread entry of the app (scripts/build-thread-bundles.mjs builds them ahead, e.g. in an image). */
export const WORKER_ENTRIES = [
  new URL('../ml/parallel-predict-worker.ts', import.meta.url),
  new URL('../scoring/export-thread.ts', import.meta.url),
  new URL('../serving/scoring-thread.ts', import.meta.url),
  new URL('../training/train-thread.ts', import.meta.url),
];

/** Imports the worker entry `entry` (file URL of a .ts module): from its bundle, else through tsx. */
export async function importWorkerEntry(entry) {
  const entryFile = fileURLToPath(entry);
  let bundle = null;
  if (process.env.CHURNLAB_WORKER_BUNDLES !== '0') {
    try {
      bundle = await ensureWorkerBundle(entry);
    } catch (e) {
      console.error(`[threads] running ${path.basename(entryFile)} through tsx (no bundle: ${e instanceof Error ? e.message : String(e)})`);
    }
  }
  // an error of the module itself is the caller's, not a reason to load it a second time
  if (bundle) return import(pathToFileURL(bundle).href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(entry.href);
}
