/**
 * The message protocol between the Train cell's quick-model panel and its Web Worker, and the worker's handler
 * (pure, so it is unit-tested without a browser): Parquet bytes in, progress and one result or error out.
 */
import { parquetToTable } from '@/lib/data/codecs/parquet';
import { QuickModelError, type QuickModelErrorCode } from './errors';
import type { SavedSpec } from './prepare';
import { runQuickModel, type QuickRunProgress } from './run-quick-model';
import type { QuickModelKind, QuickModelResult } from './types';

/** Main thread → worker: the sample as Parquet bytes (transferred, not copied) and what to fit. */
export interface QuickRunRequest {
  type: 'run';
  parquet: ArrayBuffer;
  kind: QuickModelKind;
  target: string | null;
  positiveValue: string | null;
  savedSpec: SavedSpec | null;
  seed?: number;
  params?: Record<string, unknown>;
}

/** Worker → main thread. `internal` = a bug, not something the user can fix. */
export type QuickWorkerMessage =
  | { type: 'progress'; progress: QuickRunProgress }
  | { type: 'done'; result: QuickModelResult }
  | { type: 'error'; code: QuickModelErrorCode | 'internal'; message: string };

/**
 * Handles one request and posts progress, then exactly one `done` or `error` (never throws): cancelling is the
 * main thread terminating the worker.
 */
export async function handleQuickRequest(req: QuickRunRequest, post: (m: QuickWorkerMessage) => void, signal?: AbortSignal): Promise<void> {
  try {
    if (!req || req.type !== 'run' || !(req.parquet instanceof ArrayBuffer)) {
      throw new QuickModelError('bad_input', 'expected { type: "run", parquet: ArrayBuffer, … }');
    }
    post({ type: 'progress', progress: { phase: 'preparing', fraction: 0.01, message: 'decoding the sample' } });
    let decoded;
    try {
      decoded = await parquetToTable(req.parquet);
    } catch (err) {
      throw new QuickModelError('bad_input', `the snapshot data could not be read: ${(err as Error).message}`);
    }
    const result = await runQuickModel(
      { kind: req.kind, table: decoded.table, target: req.target, positiveValue: req.positiveValue, savedSpec: req.savedSpec, seed: req.seed, params: req.params },
      { onProgress: (progress) => post({ type: 'progress', progress }), signal },
    );
    post({ type: 'done', result });
  } catch (err) {
    if (err instanceof QuickModelError) post({ type: 'error', code: err.code, message: err.message });
    else if (err instanceof RangeError || err instanceof TypeError) post({ type: 'error', code: 'bad_input', message: err.message });
    else post({ type: 'error', code: 'internal', message: err instanceof Error ? err.message : String(err) });
  }
}
