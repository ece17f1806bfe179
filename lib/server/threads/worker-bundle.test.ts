import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkerEntry } from './worker-bundle.mjs';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'churnlab-bundle-'));
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'bundle-test', type: 'module' }));
  await writeFile(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }));
  await mkdir(path.join(root, 'src'));
  await writeFile(path.join(root, 'src', 'value.ts'), 'export const value: number = 1;\n');
  await writeFile(path.join(root, 'src', 'entry.ts'), "import { value } from '@/src/value';\nexport const answer = value + 41;\n");
  await writeFile(path.join(root, 'src', 'other.ts'), "import { value } from './value';\nexport const twice: number = value * 2;\n");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('importWorkerEntry', () => {
  it('imports a TypeScript entry from one bundled module (path aliases resolved), kept with the sha1 of each source', async () => {
    const mod = await importWorkerEntry(pathToFileURL(path.join(root, 'src', 'entry.ts')));
    expect(mod.answer).toBe(42);
    const dir = path.join(root, 'node_modules', '.cache', 'churnlab-threads');
    const manifests = (await import('node:fs')).readdirSync(dir).filter((f) => f.startsWith('entry-') && f.endsWith('.json'));
    expect(manifests).toHaveLength(1);
    const manifest = JSON.parse(await readFile(path.join(dir, manifests[0]), 'utf8')) as { inputs: Record<string, string> };
    expect(Object.keys(manifest.inputs).map((f) => path.basename(f)).sort()).toEqual(['entry.ts', 'value.ts']);
    expect(existsSync(path.join(dir, manifests[0].replace(/\.json$/, '.mjs')))).toBe(true);
  });

  it('rebuilds a bundle when one of its sources changed (a new source gives a new value)', async () => {
    const dir = path.join(root, 'node_modules', '.cache', 'churnlab-threads');
    expect((await importWorkerEntry(pathToFileURL(path.join(root, 'src', 'other.ts')))).twice).toBe(2);
    const bundle = (await import('node:fs')).readdirSync(dir).find((f) => f.startsWith('other-') && f.endsWith('.mjs'))!;
    const before = await readFile(path.join(dir, bundle), 'utf8');
    await writeFile(path.join(root, 'src', 'value.ts'), 'export const value: number = 5;\n');
    // the module cache of this process keeps the first import; the file on disk is rebuilt
    await importWorkerEntry(pathToFileURL(path.join(root, 'src', 'other.ts')));
    const after = await readFile(path.join(dir, bundle), 'utf8');
    expect(after).not.toBe(before);
    expect(after).toContain('5');
  });
});
