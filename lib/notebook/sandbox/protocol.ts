/**
 * Messages and results shared by the notebook page and the code-cell sandbox worker. Pure types and constants:
 * the worker script (served from app/api/sandbox) speaks the same shapes over postMessage.
 */

/** Column-major table passed between cells and into the worker. Numeric columns may be typed arrays. */
export interface TableData {
  columns: Record<string, unknown[]>;
}

export type OutputColumnType = 'number' | 'string' | 'boolean' | 'date' | 'other';

/** What a cell shows. `table.rows` holds at most the shown rows; `totalRows` is the size of the whole result. */
export type CellOutput =
  | { kind: 'table'; columns: { name: string; type: OutputColumnType }[]; rows: unknown[][]; totalRows: number }
  | { kind: 'value'; text: string }
  | { kind: 'chart'; spec: Record<string, unknown> } // vega-lite, data inlined as values
  | { kind: 'empty' };

/**
 * Result of one run. `value` is the cell's returned table, when it was table-like, so other cells and charts can
 * read it by the cell's name. `ms` is wall time in milliseconds measured on the page.
 */
export type RunResult =
  | { ok: true; output: CellOutput; logs: string[]; ms: number; value?: TableData }
  | { ok: false; error: { name: string; message: string; line?: number }; logs: string[]; ms: number; timedOut: boolean };

/** One run: the cell body, its input tables by name (e.g. `snapshot`), and a time limit in milliseconds. */
export interface RunRequest {
  source: string;
  inputs: Record<string, TableData>;
  timeoutMs?: number;
}

export const DEFAULT_CELL_TIMEOUT_MS = 10_000;
export const MAX_CELL_TIMEOUT_MS = 120_000;

/** Libraries the worker can evaluate: `acorn` (source parsing) and `aq` are loaded at start, `tf`/`dfd` on first mention. */
export type SandboxLibName = 'acorn' | 'aq' | 'tf' | 'dfd';

/** Page → worker messages. Library code is sent as text because the worker's own CSP forbids loading any script. */
export type WorkerRequestMessage =
  | { type: 'load'; name: SandboxLibName; code: string }
  | { type: 'run'; id: number; source: string; inputs: Record<string, TableData> };

/** Run result as the worker reports it; the page adds the wall time `ms`. */
export type WorkerRunResult =
  | { ok: true; output: CellOutput; logs: string[]; value?: TableData }
  | { ok: false; error: { name: string; message: string; line?: number }; logs: string[] };

/** Worker → page messages. `ready` lists the versioned URLs of the library bundles (served by app/api/sandbox/lib). */
export type WorkerResponseMessage =
  | { type: 'ready'; libs: Record<SandboxLibName, string> }
  | { type: 'loaded'; name: SandboxLibName }
  | { type: 'load-error'; name: SandboxLibName; message: string }
  | { type: 'result'; id: number; result: WorkerRunResult };

/** Libraries a cell needs beyond the always-loaded ones, judged by whether its source mentions them. */
export function librariesFor(source: string): SandboxLibName[] {
  const out: SandboxLibName[] = ['acorn', 'aq'];
  if (/\btf\b/.test(source)) out.push('tf');
  if (/\bdfd\b/.test(source)) out.push('dfd');
  return out;
}

/** A run's time limit in ms: the default when absent or not a finite number, else clamped to [100 ms, MAX]. */
export function clampTimeout(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined || !Number.isFinite(timeoutMs)) return DEFAULT_CELL_TIMEOUT_MS;
  return Math.min(MAX_CELL_TIMEOUT_MS, Math.max(100, Math.round(timeoutMs)));
}

/** The message of a run stopped at its time limit, e.g. `stopped after 10 s (time limit)`, `stopped after 1.5 s (time limit)`. */
export function timeLimitMessage(timeoutMs: number): string {
  return `stopped after ${Number((timeoutMs / 1000).toFixed(1))} s (time limit)`;
}
