/**
 * Uploads in two steps. `receiveUpload` streams the request body to disk (never whole in memory; size-limited),
 * parses it and keeps a draft: the file plus a small JSON description. `commitUpload` applies the user's target,
 * positive value and type overrides and turns the draft into a snapshot. A malformed file is a 4xx naming the
 * line and column, and leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { CsvColumnType } from '@/lib/data/codecs/csv';
import { isDataFormatError } from '@/lib/data/codecs/data-format-error';
import { parseParquetUpload } from '@/lib/data/codecs/parquet-upload';
import { isMissing, tableFromColumns, type TableLike } from '@/lib/data/table';
import { env } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';
import { parseCsvFile } from '@/lib/server/ingest/read-csv-file';
import { createSnapshot, type SnapshotDTO } from '@/lib/server/snapshots/snapshots';
import { dataPath, removeFilesOlderThan } from '@/lib/server/storage/content-store';

export type { UploadColumnType, UploadDraftDTO } from '@/lib/api/dto';
import type { UploadColumnType, UploadDraftDTO } from '@/lib/api/dto';

interface DraftMeta {
  projectId: string;
  createdById: string;
  fileName: string;
  format: 'csv' | 'parquet';
  byteSize: number;
  createdAt: string;
}

const uploadsDir = () => dataPath('uploads');
const draftFile = (id: string, ext: string) => {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('not_found', `no upload ${id}`);
  return path.join(uploadsDir(), `${id}.${ext}`);
};

const CSV_TO_UPLOAD: Record<CsvColumnType, UploadColumnType> = { numeric: 'numeric', categorical: 'categorical', boolean: 'boolean', string: 'text' };
const UPLOAD_TO_CSV: Record<UploadColumnType, CsvColumnType> = { numeric: 'numeric', categorical: 'categorical', boolean: 'boolean', text: 'string' };

function formatOf(fileName: string, head: Buffer): 'csv' | 'parquet' {
  if (head.subarray(0, 4).toString('latin1') === 'PAR1' || /\.parquet$/i.test(fileName)) return 'parquet';
  return 'csv';
}

/** Streams the body to a temp file, refusing past the limit; returns the byte count. */
async function streamToDisk(body: ReadableStream<Uint8Array> | null, file: string, limit: number): Promise<number> {
  if (!body) throw new AppError('bad_request', 'the request has no body: send the file as the request body');
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > limit) cb(new AppError('payload_too_large', `file is over the upload limit of ${limit.toLocaleString('en-US')} bytes`));
      else cb(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body as never), counter, createWriteStream(file));
  return bytes;
}

interface Parsed {
  table: TableLike;
  types: Record<string, UploadColumnType>;
}

async function parseDraft(file: string, format: 'csv' | 'parquet', overrides: Record<string, UploadColumnType> = {}): Promise<Parsed> {
  if (format === 'csv') {
    const types: Record<string, CsvColumnType> = {};
    for (const [k, v] of Object.entries(overrides)) types[k] = UPLOAD_TO_CSV[v];
    const res = await parseCsvFile(file, { types });
    const out: Record<string, UploadColumnType> = {};
    for (const [k, v] of Object.entries(res.types)) out[k] = CSV_TO_UPLOAD[v];
    return { table: res.table, types: out };
  }
  const res = await parseParquetUpload(await readFile(file));
  const types: Record<string, UploadColumnType> = {};
  for (const [name, kind] of Object.entries(res.kinds)) {
    types[name] = overrides[name] ?? (kind === 'numeric' ? 'numeric' : kind === 'boolean' ? 'boolean' : kind === 'categorical' ? 'categorical' : 'text');
  }
  return { table: res.table, types };
}

function cellText(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

/** Columns with exactly two distinct non-missing values: the plausible binary targets, most likely last. */
function describe(table: TableLike, types: Record<string, UploadColumnType>) {
  const columns: UploadDraftDTO['columns'] = [];
  const targetCandidates: UploadDraftDTO['targetCandidates'] = [];
  for (const name of table.columnNames()) {
    const values = table.array(name);
    const counts = new Map<string, number>();
    let missing = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (isMissing(v)) {
        missing++;
        continue;
      }
      const key = cellText(v);
      if (counts.size <= 1000 || counts.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const samples = [...counts.keys()].slice(0, 5);
    columns.push({ name, inferredType: types[name] ?? 'text', missing, distinct: counts.size > 1000 ? 1001 : counts.size, samples });
    if (counts.size === 2) targetCandidates.push({ column: name, values: [...counts.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count) });
  }
  const targetish = /churn|target|label|exited|attrition|left|cancel/i;
  targetCandidates.sort((a, b) => Number(targetish.test(a.column)) - Number(targetish.test(b.column)));
  return { columns, targetCandidates };
}

const DRAFT_FILE = /^[0-9a-f-]{36}\.(part|json)$/;

/**
 * Deletes the drafts nobody committed within UPLOAD_DRAFT_TTL_HOURS: their file and their description, and the files
 * of receptions that never finished (the process stopped mid-way). Returns the upload ids removed.
 */
export async function expireUploadDrafts(now = Date.now()): Promise<string[]> {
  const removed = await removeFilesOlderThan(uploadsDir(), (name) => DRAFT_FILE.test(name), env().UPLOAD_DRAFT_TTL_HOURS * 3_600_000, now);
  return [...new Set(removed.map((name) => name.slice(0, name.lastIndexOf('.'))))];
}

export async function receiveUpload(projectId: string, createdById: string, fileName: string, req: Request): Promise<UploadDraftDTO> {
  const limit = env().UPLOAD_MAX_BYTES;
  await expireUploadDrafts().catch((e: unknown) => console.error('[uploads] could not expire old drafts', e));
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > limit) throw new AppError('payload_too_large', `file is over the upload limit of ${limit.toLocaleString('en-US')} bytes`);
  const safeName = path.basename(fileName || 'upload.csv').slice(0, 200);
  await mkdir(uploadsDir(), { recursive: true });
  const id = randomUUID();
  const part = draftFile(id, 'part');
  try {
    const byteSize = await streamToDisk(req.body, part, limit);
    if (byteSize === 0) throw new AppError('unprocessable', 'the file is empty');
    const fh = await open(part, 'r');
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    await fh.close();
    const format = formatOf(safeName, head);
    const parsed = await parseDraft(part, format);
    if (parsed.table.numRows() === 0) throw new AppError('unprocessable', 'the file has a header but no rows');
    const meta: DraftMeta = { projectId, createdById, fileName: safeName, format, byteSize, createdAt: new Date().toISOString() };
    await writeFile(draftFile(id, 'json'), JSON.stringify(meta));
    return { uploadId: id, fileName: safeName, format, byteSize, rowCount: parsed.table.numRows(), ...describe(parsed.table, parsed.types) };
  } catch (err) {
    await rm(part, { force: true });
    if (isDataFormatError(err)) throw new AppError('unprocessable', `${safeName}: ${err.message}`, { line: err.line, column: err.column });
    throw err;
  }
}

export const commitUploadInput = z.object({
  name: z.string().trim().min(1, 'is required').max(120),
  target: z.string().min(1, 'choose the target column'),
  positive: z.string().min(1, 'choose the positive value'),
  overrides: z.record(z.string(), z.enum(['numeric', 'categorical', 'boolean', 'text'])).default({}),
});

/** Applies target, positive value and overrides; creates the snapshot and removes the draft. */
export async function commitUpload(uploadId: string, input: z.input<typeof commitUploadInput>): Promise<{ snapshot: SnapshotDTO; created: boolean }> {
  const data = commitUploadInput.parse(input);
  const metaPath = draftFile(uploadId, 'json');
  if (!existsSync(metaPath)) throw new AppError('not_found', `no upload ${uploadId} (it may have been committed already, or expired: uploads are kept ${env().UPLOAD_DRAFT_TTL_HOURS} h)`);
  const meta = JSON.parse(await readFile(metaPath, 'utf8')) as DraftMeta;
  const projectId = meta.projectId;
  let parsed: Parsed;
  try {
    parsed = await parseDraft(draftFile(uploadId, 'part'), meta.format, data.overrides);
  } catch (err) {
    if (isDataFormatError(err)) throw new AppError('unprocessable', `${meta.fileName}: ${err.message}`, { line: err.line, column: err.column });
    if (err instanceof Error && /unknown/i.test(err.message)) throw new AppError('bad_request', `overrides: ${err.message}`);
    throw err;
  }
  const names = parsed.table.columnNames();
  if (!names.includes(data.target)) throw new AppError('bad_request', `target: no column "${data.target}" in ${meta.fileName}`);
  const targetValues = parsed.table.array(data.target);
  const levels = new Set<string>();
  for (let i = 0; i < targetValues.length; i++) if (!isMissing(targetValues[i])) levels.add(cellText(targetValues[i]));
  if (!levels.has(data.positive)) throw new AppError('bad_request', `positive: "${data.positive}" does not occur in column "${data.target}" (values: ${[...levels].slice(0, 10).join(', ')})`);
  if (levels.size > 2) throw new AppError('unprocessable', `target: column "${data.target}" has ${levels.size} distinct values; a binary target has two`);
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const n of names) columns[n] = parsed.table.array(n);
  const res = await createSnapshot({
    projectId,
    origin: 'upload',
    name: data.name,
    table: tableFromColumns(columns),
    options: { fileName: meta.fileName, format: meta.format, byteSize: meta.byteSize, overrides: data.overrides },
    target: data.target,
    positive: data.positive,
    createdById: meta.createdById,
  });
  await rm(draftFile(uploadId, 'part'), { force: true });
  await rm(metaPath, { force: true });
  return res;
}
