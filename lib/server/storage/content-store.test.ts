import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let before: string | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-content-'));
  before = process.env.DATA_DIR;
  process.env.DATA_DIR = dir;
  // the content store reads the validated server configuration (no database is used here)
  process.env.DATABASE_URL ??= 'postgresql://unused@127.0.0.1:1/unused';
  process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-42';
});

afterAll(async () => {
  if (before === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = before;
  await rm(dir, { recursive: true, force: true });
});

describe('content store', () => {
  it('storeContentChunks: the same file and hash as storeContent of the joined bytes; stored once; nothing left of a failed write', async () => {
    const { contentPath, sha256, storeContent, storeContentChunks } = await import('./content-store');
    const parts = [Buffer.from('header\r\n'), Buffer.alloc(3 << 20, 0x61), Buffer.alloc(0), Buffer.from('ü-tail\r\n')];
    const whole = Buffer.concat(parts);
    const chunked = await storeContentChunks('exports', 'csv', parts);
    expect(chunked).toMatchObject({ hash: sha256(whole), byteSize: whole.length, created: true });
    expect((await readFile(contentPath('exports', chunked.hash, 'csv'))).equals(whole)).toBe(true);
    expect(await storeContent('exports', 'csv', whole)).toMatchObject({ hash: chunked.hash, created: false });
    expect(await storeContentChunks('exports', 'csv', parts)).toMatchObject({ hash: chunked.hash, created: false });
    const failing = function* () {
      yield Buffer.from('partial');
      throw new Error('producer failed');
    };
    await expect(storeContentChunks('exports', 'csv', failing())).rejects.toThrow(/producer failed/);
    expect((await readdir(path.join(dir, 'exports'))).sort()).toEqual([`${chunked.hash}.csv`]);
  });

  it('the first write to a directory removes the temp files of writes that never finished (older than a day)', async () => {
    const { storeContent } = await import('./content-store');
    const sub = path.join(dir, 'artifacts');
    await mkdir(sub, { recursive: true });
    const stale = path.join(sub, '.tmp-0b5e3a52-stale');
    const recent = path.join(sub, '.tmp-7f1c2d9e-writing');
    await writeFile(stale, 'half a file');
    await writeFile(recent, 'a write in progress');
    const old = new Date(Date.now() - 25 * 3_600_000);
    await utimes(stale, old, old);
    const stored = await storeContent('artifacts', 'json', Buffer.from('{"a":1}'));
    expect((await readdir(sub)).sort()).toEqual(['.tmp-7f1c2d9e-writing', `${stored.hash}.json`]);
  });
});
