/**
 * The Parquet and CSV exports of a score batch, written from columns (no row objects): a million customers are
 * a few typed arrays and one array of ids, so building the files costs little more than encoding them.
 *   - Parquet: required columns for what is never missing, typed arrays straight to the writer, one row group per
 *     100k rows; model, version, batch and time as key-value metadata; the column types as `churnlab.types`
 *     (as tableToParquet writes them, so the app's reader decodes the export like any snapshot).
 *   - CSV: built and encoded in chunks (short-lived strings, not one string per row kept alive to the end), each
 *     cell spreadsheet-safe (csvCell); plain ids skip the quoting checks.
 */
import { Worker } from 'node:worker_threads';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { csvCell } from '@/lib/data/codecs/csv-safe';
import { storeContent } from '@/lib/server/storage/content-store';
import type { ExportThreadInput, ExportThreadMessage } from './export-thread';

/** A batch's scores in export order (highest risk first). */
export interface ScoreColumns {
  customerId: string[];
  probability: Float64Array;
  decile: Int32Array;
  label: Int32Array;
  /** top reasons as JSON text, null where not explained */
  reasons: (string | null)[];
}

export interface ExportBatch {
  id: string;
  modelName: string;
  modelVersion: number;
}

export const CSV_HEADER = 'customer_id,probability,decile,label,top_reasons,model,model_version,batch_id,scored_at';
const CHUNK = 16_384;
/** Ids that need neither quoting nor the formula guard. */
const PLAIN_ID = /^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$/;

/** UTF-8 bytes of each string as views into one buffer (the writer would otherwise encode them one by one). */
function utf8Values(values: string[]): Uint8Array[] {
  const bytes = Buffer.from(values.join(''), 'utf8');
  const out = new Array<Uint8Array>(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let len = v.length;
    // non-ASCII: count its bytes
    for (let k = 0; k < v.length; k++) {
      if (v.charCodeAt(k) > 0x7f) {
        len = Buffer.byteLength(v, 'utf8');
        break;
      }
    }
    out[i] = bytes.subarray(at, at + len);
    at += len;
  }
  return out;
}

export function scoresParquet(batch: ExportBatch, c: ScoreColumns, scoredAt: string): Uint8Array {
  const n = c.customerId.length;
  const version = new Int32Array(n).fill(batch.modelVersion);
  const types = { customer_id: 'string', probability: 'double', decile: 'int32', label: 'int32', top_reasons: 'string', model_version: 'int32' };
  const buf = parquetWriteBuffer({
    columnData: [
      // min/max of ids and of reasons JSON help no reader; their statistics cost a string compare per row
      { name: 'customer_id', data: utf8Values(c.customerId), type: 'STRING', nullable: false, statistics: false },
      { name: 'probability', data: c.probability, type: 'DOUBLE', nullable: false },
      { name: 'decile', data: c.decile, type: 'INT32', nullable: false },
      { name: 'label', data: c.label, type: 'INT32', nullable: false },
      { name: 'top_reasons', data: c.reasons, type: 'STRING', nullable: true, statistics: false },
      { name: 'model_version', data: version, type: 'INT32', nullable: false },
    ],
    rowGroupSize: 100_000,
    createdBy: 'churnlab',
    kvMetadata: [
      { key: 'churnlab.types', value: JSON.stringify(types) },
      { key: 'churnlab.model', value: batch.modelName },
      { key: 'churnlab.model_version', value: String(batch.modelVersion) },
      { key: 'churnlab.batch_id', value: batch.id },
      { key: 'churnlab.scored_at', value: scoredAt },
    ],
  });
  return new Uint8Array(buf);
}

export function scoresCsv(batch: ExportBatch, c: ScoreColumns, scoredAt: string): Buffer {
  const n = c.customerId.length;
  const tail = `,${csvCell(batch.modelName)},${batch.modelVersion},${csvCell(batch.id)},${scoredAt}`;
  const chunks: Buffer[] = [Buffer.from(`${CSV_HEADER}\r\n`)];
  const lines: string[] = [];
  for (let lo = 0; lo < n; lo += CHUNK) {
    const hi = Math.min(n, lo + CHUNK);
    lines.length = 0;
    for (let i = lo; i < hi; i++) {
      const id = c.customerId[i];
      const r = c.reasons[i];
      lines.push(`${PLAIN_ID.test(id) ? id : csvCell(id)},${c.probability[i]},${c.decile[i]},${c.label[i]},${r === null ? '' : csvCell(r)}${tail}\r\n`);
    }
    chunks.push(Buffer.from(lines.join(''), 'utf8'));
  }
  return Buffer.concat(chunks);
}

/** Writes both exports to the content store; their hashes name them. */
export async function writeScoreExports(batch: ExportBatch, c: ScoreColumns, scoredAt: string): Promise<{ parquetHash: string; csvHash: string }> {
  const parquet = scoresParquet(batch, c, scoredAt);
  const csv = scoresCsv(batch, c, scoredAt);
  const [pq, cv] = await Promise.all([storeContent('exports', 'parquet', parquet), storeContent('exports', 'csv', csv)]);
  return { parquetHash: pq.hash, csvHash: cv.hash };
}

/**
 * `writeScoreExports` in a worker thread (its own heap; the caller's thread goes on, e.g. writing the rows to
 * PostgreSQL). The columns are copied to the thread.
 */
export function writeScoreExportsInThread(batch: ExportBatch, c: ScoreColumns, scoredAt: string): Promise<{ parquetHash: string; csvHash: string }> {
  return new Promise((resolve, reject) => {
    const input: ExportThreadInput = { batch, columns: c, scoredAt };
    const worker = new Worker(new URL('./export-thread-boot.mjs', import.meta.url), { workerData: input });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      fn();
    };
    worker.on('message', (m: ExportThreadMessage) => finish(() => (m.type === 'done' ? resolve({ parquetHash: m.parquetHash, csvHash: m.csvHash }) : reject(new Error(`exports: ${m.message}`)))));
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`export thread exited (${code})`))));
  });
}
