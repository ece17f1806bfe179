/**
 * A job definition: `{ name, version, payloadSchema, handler }` (STYLE.md). Handlers are idempotent, honour the
 * AbortSignal, report progress and write their results atomically.
 */
import type { ZodType } from 'zod';

export interface JobContext {
  jobId: string;
  projectId: string | null;
  createdById: string | null;
  signal: AbortSignal;
  /**
   * Reports progress in [0, 1] with an optional message and live detail for the UI (e.g. a loss curve); throws
   * the abort reason when cancellation was asked. Writes are throttled to two a second unless `force`.
   */
  progress(fraction: number, message?: string, detail?: unknown, opts?: { force?: boolean }): Promise<void>;
  log(message: string): void;
}

export interface JobDefinition<P = unknown, R = unknown> {
  name: string;
  version: number;
  payloadSchema: ZodType<P>;
  /** Lease: a job whose worker stops answering for this long is handed to another worker. */
  expireInSeconds: number;
  retryLimit: number;
  handler(payload: P, ctx: JobContext): Promise<R>;
}

export function defineJob<P, R>(def: JobDefinition<P, R>): JobDefinition<P, R> {
  if (!/^[a-z][a-z0-9.-]*$/.test(def.name)) throw new RangeError(`job name "${def.name}" must be lowercase letters, digits, dots and dashes`);
  return def;
}

export class JobCancelledError extends Error {
  override readonly name = 'JobCancelledError';
  constructor() {
    super('cancelled');
  }
}
