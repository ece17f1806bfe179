/**
 * POST /api/v1/predict: the envelope, per-field validation and scoring. Envelope mistakes → 400, record fields
 * → 422; every issue names its path (`customers.3.tenure`). Nothing here touches the database.
 */
import { MODEL_ALIASES, type ModelAliasName, type PredictResponseDTO } from '@/lib/api/dto';
import { MAX_BATCH, type FieldIssue } from '@/lib/serving/input-schema';
import { ScoringError, type Score } from '@/lib/serving/scorer';
import { AppError } from '@/lib/server/errors';
import type { ServedModel } from './serving-cache';

/** 1,000 records of ~40 fields fit with room; larger bodies are refused before parsing. */
export const PREDICT_MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_ISSUES = 50;

export interface PredictQuery {
  model: string | null;
  alias: ModelAliasName;
  /** reasons=false skips explanations (cheaper) */
  reasons: boolean;
}

export function parsePredictQuery(url: URL): PredictQuery {
  const alias = url.searchParams.get('alias') ?? 'champion';
  if (!(MODEL_ALIASES as readonly string[]).includes(alias)) throw new AppError('bad_request', `alias: must be one of ${MODEL_ALIASES.join(', ')}, got "${alias.slice(0, 40)}"`, { issues: [{ path: 'alias', message: 'unknown alias' }] });
  const reasons = url.searchParams.get('reasons') ?? 'true';
  if (reasons !== 'true' && reasons !== 'false') throw new AppError('bad_request', 'reasons: must be true or false', { issues: [{ path: 'reasons', message: 'must be true or false' }] });
  const model = url.searchParams.get('model');
  if (model !== null && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(model)) throw new AppError('bad_request', 'model: not a model name', { issues: [{ path: 'model', message: 'not a model name' }] });
  return { model, alias: alias as ModelAliasName, reasons: reasons === 'true' };
}

function bad(path: string, message: string): AppError {
  return new AppError('bad_request', `${path}: ${message}`, { issues: [{ path, message }] });
}

/** `{ customer: {...} }` or `{ customers: [...] }` (1–1,000) → records with their paths. */
export function parseEnvelope(body: unknown): { records: unknown[]; prefix: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw bad('(body)', 'expected a JSON object { "customer": {...} } or { "customers": [...] }');
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b)) if (k !== 'customer' && k !== 'customers') throw bad(k, 'unknown field: the body has "customer" or "customers" only');
  const hasOne = Object.hasOwn(b, 'customer');
  const hasMany = Object.hasOwn(b, 'customers');
  if (hasOne && hasMany) throw bad('(body)', 'send either "customer" or "customers", not both');
  if (hasOne) return { records: [b.customer], prefix: 'customer' };
  if (!hasMany) throw bad('customers', 'required: send "customer" (one object) or "customers" (an array)');
  const list = b.customers;
  if (!Array.isArray(list)) throw bad('customers', `expected an array of customer objects, got ${list === null ? 'null' : typeof list}`);
  if (list.length === 0) throw bad('customers', 'empty batch: send at least one customer');
  if (list.length > MAX_BATCH) throw new AppError('payload_too_large', `customers: batch of ${list.length} is over the limit of ${MAX_BATCH}`, { issues: [{ path: 'customers', message: `at most ${MAX_BATCH} customers per request` }] });
  return { records: list, prefix: 'customers' };
}

/** Part `part` of `parts` of a batch: records [⌊part·n/parts⌋, ⌊(part + 1)·n/parts⌋). */
export interface BatchPart {
  part: number;
  parts: number;
}

/** A request's records, validated, and which of them this call scores. */
export interface CheckedRequest {
  records: unknown[];
  prefix: string;
  /** records [lo, hi) are scored (all of them unless a part of a split batch) */
  lo: number;
  hi: number;
}

/**
 * The envelope and every record of `body` checked against the version's input schema (400/422 naming each field),
 * and the records to score: all, or part `part` of them (validation still covers the whole body, so every part
 * fails or succeeds alike).
 */
export function checkRequest(served: ServedModel, body: unknown, part?: BatchPart): CheckedRequest {
  const { records, prefix } = parseEnvelope(body);
  const issues: FieldIssue[] = [];
  const single = prefix === 'customer';
  for (let i = 0; i < records.length && issues.length < MAX_ISSUES; i++) served.validator.check(records[i], single ? prefix : `${prefix}.${i}`, issues);
  if (issues.length) {
    const shown = issues.slice(0, MAX_ISSUES);
    throw new AppError('unprocessable', `invalid customer fields: ${shown.slice(0, 5).map((x) => `${x.path}: ${x.message}`).join('; ')}${shown.length > 5 ? `; … ${shown.length - 5} more` : ''}`, { issues: shown });
  }
  const n = records.length;
  return { records, prefix, lo: part ? Math.floor((part.part * n) / part.parts) : 0, hi: part ? Math.floor(((part.part + 1) * n) / part.parts) : n };
}

/** The records a checked request scores, in order. */
export function recordsToScore(req: CheckedRequest): Record<string, unknown>[] {
  return req.records.slice(req.lo, req.hi) as Record<string, unknown>[];
}

/**
 * The scores of a checked request's records [lo, hi). A record the model cannot score → 422 naming its field
 * (`customers.3.tenure`).
 */
export function scoreChecked(served: ServedModel, req: CheckedRequest, withReasons: boolean): Score[] {
  try {
    return served.scorer.scoreMany(recordsToScore(req), withReasons);
  } catch (e) {
    if (!(e instanceof ScoringError)) throw e;
    const path = `${req.prefix === 'customer' ? req.prefix : `${req.prefix}.${req.lo + (e.index ?? 0)}`}.${e.field}`;
    throw new AppError('unprocessable', `${path}: ${e.message}`, { issues: [{ path, message: e.message }] });
  }
}

/** The response of a checked request from the scores of its records [lo, hi). */
export function predictResponse(served: ServedModel, alias: ModelAliasName, req: CheckedRequest, scores: readonly Score[]): PredictResponseDTO {
  const idField = served.validator.idField;
  const single = req.prefix === 'customer';
  const predictions = scores.map((s, k) => {
    const i = req.lo + k;
    const r = req.records[i] as Record<string, unknown>;
    const idv = idField !== null && Object.hasOwn(r, idField) ? r[idField] : null;
    return { id: typeof idv === 'string' || typeof idv === 'number' ? idv : single ? null : i, probability: s.probability, label: s.label, reasons: s.reasons };
  });
  return {
    model: { name: served.modelName, version: served.version, alias, threshold: served.threshold, reasonsMethod: served.scorer.reasonsMethod },
    predictions,
  };
}

/**
 * Validates every record, then scores them — or only one part of them, when a batch is split across scoring
 * threads. A record's answer does not depend on the others scored with it.
 */
export function predict(served: ServedModel, alias: ModelAliasName, body: unknown, withReasons = true, part?: BatchPart): PredictResponseDTO {
  const req = checkRequest(served, body, part);
  return predictResponse(served, alias, req, scoreChecked(served, req, withReasons));
}
