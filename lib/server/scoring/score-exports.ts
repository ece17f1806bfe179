/**
 * The Parquet and CSV exports of a score batch, written from columns (no row objects): a million customers are
 * a few typed arrays and two UTF-8 columns, so building the files costs little more than copying bytes.
 *   - Parquet (parquet-columns.ts): required columns for what is never missing, pages straight from the arrays, one
 *     row group per 100k rows; model, version, batch and time as key-value metadata; the column types as
 *     `churnlab.types` (as tableToParquet writes them, so the app's reader decodes the export like any snapshot).
 *   - CSV: bytes written into large buffers, each cell spreadsheet-safe (csvCell); ids that need neither quoting nor
 *     the formula guard are copied as they are, numbers written as JS prints them.
 */
import { Worker } from 'node:worker_threads';
import { csvCell } from '@/lib/data/codecs/csv-safe';
import { writeParquetColumns } from '@/lib/data/codecs/parquet-columns';
import { copyUtf8Value, utf8Value, type Utf8Column } from '@/lib/data/codecs/utf8-column';
import { storeContent, storeContentChunks } from '@/lib/server/storage/content-store';
import { snappyCompressNative } from '@/lib/server/storage/native-snappy';
import { threadExecArgv } from '@/lib/server/threads/exec-argv';
import type { ExportThreadInput, ExportThreadMessage } from './export-thread';

/** A batch's scores, one row per customer (in export order: highest risk first). */
export interface ScoreColumns {
  customerId: Utf8Column;
  probability: Float64Array;
  decile: Int32Array;
  label: Int32Array;
  /** top reasons as JSON text, null where not explained */
  reasons: Utf8Column;
}

export interface ExportBatch {
  id: string;
  modelName: string;
  modelVersion: number;
}

export const CSV_HEADER = 'customer_id,probability,decile,label,top_reasons,model,model_version,batch_id,scored_at';
const CSV_CHUNK = 1 << 22;

/** Bytes allowed in a plain id: [A-Za-z0-9_] anywhere, and [.:/-] after the first (no quoting, no formula guard). */
const PLAIN_BYTE = new Uint8Array(256);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_') PLAIN_BYTE[ch.charCodeAt(0)] = 1;
for (const ch of '.:/-') PLAIN_BYTE[ch.charCodeAt(0)] = 2;

function plainId(bytes: Uint8Array, a: number, len: number): boolean {
  if (len === 0 || PLAIN_BYTE[bytes[a]] !== 1) return false;
  for (let k = 1; k < len; k++) if (PLAIN_BYTE[bytes[a + k]] === 0) return false;
  return true;
}

export function scoresParquet(batch: ExportBatch, c: ScoreColumns, scoredAt: string): Uint8Array {
  const n = c.probability.length;
  const types = { customer_id: 'string', probability: 'double', decile: 'int32', label: 'int32', top_reasons: 'string', model_version: 'int32' };
  return writeParquetColumns(
    [
      { name: 'customer_id', type: 'utf8', data: c.customerId },
      // random doubles do not compress
      { name: 'probability', type: 'double', data: c.probability, compress: false },
      // in risk order deciles and labels come in long runs, and the version is one value: dictionary-encoded, each is a few bytes
      { name: 'decile', type: 'int32', data: c.decile, dictionary: true },
      { name: 'label', type: 'int32', data: c.label, dictionary: true },
      { name: 'top_reasons', type: 'utf8', data: c.reasons },
      { name: 'model_version', type: 'int32', data: new Int32Array(n).fill(batch.modelVersion), dictionary: true },
    ],
    {
      rowGroupSize: 100_000,
      createdBy: 'churnlab',
      snappy: snappyCompressNative,
      kvMetadata: [
        { key: 'churnlab.types', value: JSON.stringify(types) },
        { key: 'churnlab.model', value: batch.modelName },
        { key: 'churnlab.model_version', value: String(batch.modelVersion) },
        { key: 'churnlab.batch_id', value: batch.id },
        { key: 'churnlab.scored_at', value: scoredAt },
      ],
    },
  );
}

/** The CSV export's bytes in chunks of about CSV_CHUNK bytes (header first). */
export function* scoresCsvChunks(batch: ExportBatch, c: ScoreColumns, scoredAt: string): Generator<Buffer> {
  const n = c.probability.length;
  const tail = Buffer.from(`,${csvCell(batch.modelName)},${batch.modelVersion},${csvCell(batch.id)},${scoredAt}\r\n`, 'utf8');
  yield Buffer.from(`${CSV_HEADER}\r\n`);
  const { bytes: idBytes, offsets: idAt, valid: idValid } = c.customerId;
  const reasons = c.reasons;
  let buf = Buffer.allocUnsafe(CSV_CHUNK);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const a = idAt[i];
    const idLen = idAt[i + 1] - a;
    const idText = (idValid === null || idValid[i] === 1) && plainId(idBytes, a, idLen) ? null : csvCell(utf8Value(c.customerId, i));
    const reasonText = reasons.valid !== null && reasons.valid[i] === 0 ? null : csvCell(utf8Value(reasons, i));
    // a UTF-16 code unit is at most 3 UTF-8 bytes; a number at most 25 characters
    const most = (idText === null ? idLen : idText.length * 3) + (reasonText === null ? 0 : reasonText.length * 3) + 64 + tail.length;
    if (at + most > buf.length) {
      yield buf.subarray(0, at);
      buf = Buffer.allocUnsafe(Math.max(CSV_CHUNK, most));
      at = 0;
    }
    if (idText === null) at += copyUtf8Value(c.customerId, i, buf, at);
    else at += buf.write(idText, at, 'utf8');
    buf[at++] = 0x2c;
    // a number's text is ASCII: copied by hand, cheaper than a call into the encoder per value
    const num = String(c.probability[i]);
    for (let k = 0; k < num.length; k++) buf[at + k] = num.charCodeAt(k);
    at += num.length;
    buf[at++] = 0x2c;
    const d = c.decile[i];
    if (d >= 0 && d <= 9) buf[at++] = 0x30 + d;
    else at += buf.write(String(d), at, 'latin1');
    buf[at++] = 0x2c;
    const l = c.label[i];
    if (l >= 0 && l <= 9) buf[at++] = 0x30 + l;
    else at += buf.write(String(l), at, 'latin1');
    buf[at++] = 0x2c;
    if (reasonText !== null) at += buf.write(reasonText, at, 'utf8');
    // the same bytes on every row: one native copy (a byte loop costs several times more)
    at += tail.copy(buf, at);
  }
  yield buf.subarray(0, at);
}

/** Writes both exports to the content store; their hashes name them. */
export async function writeScoreExports(batch: ExportBatch, c: ScoreColumns, scoredAt: string): Promise<{ parquetHash: string; csvHash: string }> {
  // the Parquet file is written while the CSV is built; the CSV is hashed and written chunk by chunk
  const pq = storeContent('exports', 'parquet', scoresParquet(batch, c, scoredAt));
  pq.catch(() => {});
  const cv = await storeContentChunks('exports', 'csv', scoresCsvChunks(batch, c, scoredAt));
  return { parquetHash: (await pq).hash, csvHash: cv.hash };
}

/** A worker thread for one batch's exports (its own heap; the caller's thread goes on, e.g. writing the rows). */
export interface ExportThread {
  /** Writes the exports there. Columns on SharedArrayBuffers are shared with the thread, others copied to it. */
  write(batch: ExportBatch, c: ScoreColumns, scoredAt: string): Promise<{ parquetHash: string; csvHash: string }>;
  /** Stops the thread (a no-op once it has answered). */
  close(): void;
}

/**
 * Starts an export thread. Started early, it loads its code while the batch is still scoring, and writes as soon
 * as it is given the columns.
 */
export function startExportThread(): ExportThread {
  const worker = new Worker(new URL('./export-thread-boot.mjs', import.meta.url), { execArgv: threadExecArgv() });
  let settle: ((m: ExportThreadMessage | Error) => void) | null = null;
  let outcome: ExportThreadMessage | Error | null = null;
  const finish = (m: ExportThreadMessage | Error) => {
    if (outcome) return;
    outcome = m;
    void worker.terminate();
    settle?.(m);
  };
  worker.on('message', (m: ExportThreadMessage) => finish(m));
  worker.on('error', (e) => finish(e));
  worker.on('exit', (code) => finish(new Error(`export thread exited (${code})`)));
  let used = false;
  return {
    write(batch, c, scoredAt) {
      if (used) return Promise.reject(new Error('an export thread writes one batch'));
      used = true;
      const result = new Promise<ExportThreadMessage | Error>((resolve) => {
        if (outcome) resolve(outcome);
        else settle = resolve;
      }).then((m) => {
        if (m instanceof Error) throw m;
        if (m.type === 'error') throw new Error(`exports: ${m.message}`);
        return { parquetHash: m.parquetHash, csvHash: m.csvHash };
      });
      if (!outcome) worker.postMessage({ batch, columns: c, scoredAt } satisfies ExportThreadInput);
      return result;
    },
    close() {
      finish(new Error('export thread closed'));
    },
  };
}
