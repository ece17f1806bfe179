/**
 * Content-addressed files under DATA_DIR: `<kind>/<sha256>.<ext>`. A write goes to a temp file, is fsynced and
 * renamed into place, so a reader never sees half a file; identical bytes are stored once. The temp files of writes
 * that never finished (a process stopped mid-way) are removed by the next process that writes to the directory.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/server/env';

export function dataPath(...parts: string[]): string {
  return path.resolve(env().DATA_DIR, ...parts);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface StoredFile {
  hash: string;
  path: string;
  byteSize: number;
  created: boolean;
}

/** A temp file this old was left by a process that stopped mid-write (no write takes a day). */
const STALE_TEMP_MS = 24 * 3_600_000;
const sweptDirs = new Set<string>();

/**
 * Removes the files of `dir` whose name `matches` and that were last written more than `maxAgeMs` ago; returns their
 * names (none when `dir` does not exist).
 */
export async function removeFilesOlderThan(dir: string, matches: (name: string) => boolean, maxAgeMs: number, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!matches(name)) continue;
    const file = path.join(dir, name);
    const st = await stat(file).catch(() => null);
    if (!st || now - st.mtimeMs <= maxAgeMs) continue;
    await rm(file, { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Writes `chunks` to a new temp file in `dir` (each passed to `onChunk` as it is written) and fsyncs it; returns
 * its path. Nothing is left behind when a chunk cannot be produced or written.
 */
async function writeTemp(dir: string, chunks: Iterable<Uint8Array>, onChunk: (chunk: Uint8Array) => void = () => {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  if (!sweptDirs.has(dir)) {
    sweptDirs.add(dir);
    // the temp files of writes that never finished (their process was stopped mid-way)
    await removeFilesOlderThan(dir, (name) => name.startsWith('.tmp-'), STALE_TEMP_MS).catch((e: unknown) => console.error(`[content-store] could not remove stale temp files in ${dir}`, e));
  }
  const tmp = path.join(dir, `.tmp-${randomUUID()}`);
  try {
    const fh = await open(tmp, 'w');
    try {
      for (const chunk of chunks) {
        onChunk(chunk);
        for (let at = 0; at < chunk.byteLength; ) at += (await fh.write(chunk, at)).bytesWritten;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    return tmp;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Renames the temp file to `target`, or removes it when `target` already holds the same content. */
async function moveIntoPlace(tmp: string, target: string): Promise<boolean> {
  try {
    if (existsSync(target)) {
      await rm(tmp, { force: true });
      return false;
    }
    await rename(tmp, target);
    return true;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes bytes atomically (temp → fsync → rename), named by their sha256. */
export async function storeContent(kind: string, ext: string, bytes: Uint8Array): Promise<StoredFile> {
  const hash = sha256(bytes);
  const dir = dataPath(kind);
  const target = path.join(dir, `${hash}.${ext}`);
  if (existsSync(target)) return { hash, path: target, byteSize: (await stat(target)).size, created: false };
  const created = await moveIntoPlace(await writeTemp(dir, [bytes]), target);
  return { hash, path: target, byteSize: bytes.byteLength, created };
}

/**
 * `storeContent` for bytes produced in chunks (a large export): each chunk is hashed and written as it comes, so
 * the whole never sits in one buffer and the writing overlaps the producing.
 */
export async function storeContentChunks(kind: string, ext: string, chunks: Iterable<Uint8Array>): Promise<StoredFile> {
  const dir = dataPath(kind);
  const hasher = createHash('sha256');
  let byteSize = 0;
  const tmp = await writeTemp(dir, chunks, (chunk) => {
    hasher.update(chunk);
    byteSize += chunk.byteLength;
  });
  const hash = hasher.digest('hex');
  const target = path.join(dir, `${hash}.${ext}`);
  return { hash, path: target, byteSize, created: await moveIntoPlace(tmp, target) };
}

export function contentPath(kind: string, hash: string, ext: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new RangeError(`not a sha256: ${hash}`);
  return dataPath(kind, `${hash}.${ext}`);
}

export function readStream(file: string) {
  return createReadStream(file);
}
