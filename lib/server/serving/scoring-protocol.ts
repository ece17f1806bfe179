/**
 * Messages between the prediction API's event loop and its scoring threads (scoring-pool.ts ↔ scoring-thread.ts).
 * The event loop authenticates, rate-limits and reads the body; a thread parses, validates and scores it and
 * answers with the response JSON already serialized, so the model's work never runs on the event loop.
 */
import type { ModelAliasName } from '@/lib/api/dto';
import type { ErrorCode } from '@/lib/server/errors';
import type { ScorerInit } from '@/lib/serving/scorer';
import type { BatchPart } from './predict';

/** What a thread needs to serve one model version (the same inputs `loadModelVersion` builds a Scorer from). */
export interface ThreadModel {
  versionId: string;
  modelName: string;
  version: number;
  init: ScorerInit;
}

export type ToThread =
  | { type: 'load'; job: number; model: ThreadModel }
  | { type: 'unload'; versionId: string }
  /** `part`: score only that part of the batch and answer with its predictions (the event loop joins the parts) */
  | { type: 'predict'; job: number; versionId: string; alias: ModelAliasName; body: string; reasons: boolean; part?: BatchPart };

/** An AppError carried across the thread boundary. */
export interface ThreadError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export type FromThread =
  | { type: 'ready' }
  | { type: 'loaded'; job: number; error?: string }
  /** `json`: the whole response; for a part, the JSON of `model` and of its predictions (comma-joined, no brackets) */
  | { type: 'predicted'; job: number; json: string; items?: string; modelName: string; version: number; probabilities: Float64Array }
  /** a client error (4xx) to answer with; `internal` is set for anything else the thread threw */
  | { type: 'failed'; job: number; error: ThreadError; internal?: boolean };
