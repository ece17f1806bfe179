/**
 * Worker-thread entry: writes a score batch's Parquet and CSV exports (score-exports.ts) off the batch job's main
 * thread, so they are built while that thread writes the rows to PostgreSQL, in a heap of their own.
 * Started before the scores exist, it waits for one message { batch, columns, scoredAt }, then posts
 * { type: 'done', parquetHash, csvHash } or { type: 'error', message }.
 */
import { parentPort } from 'node:worker_threads';
import { writeScoreExports, type ExportBatch, type ScoreColumns } from './score-exports';

export interface ExportThreadInput {
  batch: ExportBatch;
  columns: ScoreColumns;
  scoredAt: string;
}

export type ExportThreadMessage = { type: 'done'; parquetHash: string; csvHash: string } | { type: 'error'; message: string };

const port = parentPort;
if (port) {
  port.once('message', (input: ExportThreadInput) => {
    writeScoreExports(input.batch, input.columns, input.scoredAt).then(
      (r) => port.postMessage({ type: 'done', ...r } satisfies ExportThreadMessage),
      (e: unknown) => port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies ExportThreadMessage),
    );
  });
}
