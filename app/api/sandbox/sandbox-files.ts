import 'server-only';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxLibName } from '@/lib/notebook/sandbox/protocol';
import { buildWorkerScript } from '@/lib/notebook/sandbox/worker-script';

/** Browser bundles of the sandbox libraries, by package directory under node_modules (all classic UMD/IIFE scripts). */
const LIB_FILES: Record<SandboxLibName, string> = {
  acorn: 'acorn/dist/acorn.js',
  aq: 'arquero/dist/arquero.min.js',
  tf: '@tensorflow/tfjs/dist/tf.min.js',
  // danfo's webpack bundle (`var dfd = …`); its package `exports` hides it from require.resolve.
  dfd: 'danfojs/lib/bundle.js',
};

export const SANDBOX_LIB_NAMES = Object.keys(LIB_FILES) as SandboxLibName[];

export interface ServedFile {
  body: string;
  /** Short content hash: the `v` of versioned URLs and the ETag. */
  hash: string;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const libCache = new Map<SandboxLibName, Promise<ServedFile>>();

/**
 * A library bundle read once from node_modules (the app runs from the project root in dev, `next start` and the
 * Docker image). The sourceMappingURL comment is dropped: the text is evaluated, and a map URL would only 404.
 */
export function sandboxLib(name: SandboxLibName): Promise<ServedFile> {
  let hit = libCache.get(name);
  if (!hit) {
    hit = (async () => {
      const file = path.join(/* turbopackIgnore: true */ process.cwd(), 'node_modules', LIB_FILES[name]);
      const text = (await readFile(file, 'utf8')).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
      return { body: text, hash: hashOf(text) };
    })();
    hit.catch(() => libCache.delete(name));
    libCache.set(name, hit);
  }
  return hit;
}

let workerCache: Promise<ServedFile> | undefined;

/** The worker script, with each library's versioned URL (so those can be cached as immutable). */
export function sandboxWorkerScript(): Promise<ServedFile> {
  workerCache ??= (async () => {
    const entries = await Promise.all(SANDBOX_LIB_NAMES.map(async (n) => [n, `/api/sandbox/lib/${n}?v=${(await sandboxLib(n)).hash}`] as const));
    const body = buildWorkerScript(Object.fromEntries(entries) as Record<SandboxLibName, string>);
    return { body, hash: hashOf(body) };
  })();
  workerCache.catch(() => (workerCache = undefined));
  return workerCache;
}

/** 304 when the client already holds this version. */
export function notModified(req: Request, hash: string): boolean {
  const inm = req.headers.get('if-none-match');
  return inm !== null && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === `"${hash}"`);
}
