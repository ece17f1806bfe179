import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
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
});
