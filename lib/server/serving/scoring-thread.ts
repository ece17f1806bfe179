/**
 * A scoring thread of the prediction API (see scoring-pool.ts): holds the served model versions and turns a
 * request body into the response JSON with the same steps as `predict` on the event loop, so answers (and
 * errors) are identical whichever side scores.
 *
 * Requests that arrive while the thread is busy are scored together when it is free (dynamic batching, as model
 * servers do): each is parsed and validated on its own, then the records of all of them go through one transform
 * and one TreeSHAP pass, which costs a record less the more rows share it (Telco: ~0.15 ms of TreeSHAP for one
 * row alone, ~0.09 ms each for four). A record's scores and reasons do not depend on what is scored with it
 * (`Scorer.scoreMany`), so neither does any answer.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '@/lib/server/errors';
import { parseJsonText } from '@/lib/server/http/json-body';
import type { Score } from '@/lib/serving/scorer';
import { checkRequest, predictResponse, recordsToScore, scoreChecked, type CheckedRequest } from './predict';
import { servedModel, type ServedModel } from './served-model';
import type { FromThread, ToThread } from './scoring-protocol';

type PredictMessage = Extract<ToThread, { type: 'predict' }>;

/** Most requests scored together (a batch of 1,000 is one request). */
const MAX_GROUP_REQUESTS = 64;

const port = parentPort;
if (!port) throw new Error('scoring-thread must run in a worker thread');
const models = new Map<string, ServedModel>();
const send = (m: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

const inbox: ToThread[] = [];
let draining = false;

port.on('message', (m: ToThread) => {
  inbox.push(m);
  // every message already waiting is delivered before this runs, so they are taken together
  if (!draining) {
    draining = true;
    setImmediate(drain);
  }
});

/** Takes the messages in order: loads and unloads as they come, runs of predictions for one version and reasons setting scored together. */
function drain(): void {
  draining = false;
  const messages = inbox.splice(0);
  let run: PredictMessage[] = [];
  const flush = () => {
    if (run.length) scoreGroup(run);
    run = [];
  };
  for (const m of messages) {
    if (m.type !== 'predict') {
      flush();
      control(m);
      continue;
    }
    if (run.length > 0 && (run[0].versionId !== m.versionId || run[0].reasons !== m.reasons || run.length >= MAX_GROUP_REQUESTS)) flush();
    run.push(m);
  }
  flush();
}

function control(m: Exclude<ToThread, PredictMessage>): void {
  if (m.type === 'unload') {
    models.delete(m.versionId);
    return;
  }
  try {
    const { init, versionId, modelName, version } = m.model;
    const served = servedModel({ modelName, version, versionId }, init);
    // off the request path: the first batch with reasons should not pay for the tables
    served.scorer.warmReasons();
    models.set(versionId, served);
    send({ type: 'loaded', job: m.job });
  } catch (e) {
    send({ type: 'loaded', job: m.job, error: (e as Error).message });
  }
}

function scoreGroup(run: PredictMessage[]): void {
  const served = models.get(run[0].versionId);
  if (!served) {
    for (const m of run) send({ type: 'failed', job: m.job, error: { code: 'unavailable', message: `model version ${m.versionId} is not loaded in this scoring thread` }, internal: true });
    return;
  }
  const checked: { m: PredictMessage; req: CheckedRequest }[] = [];
  for (const m of run) {
    try {
      checked.push({ m, req: checkRequest(served, parseJsonText(m.body), m.part) });
    } catch (e) {
      fail(m, e);
    }
  }
  if (checked.length === 0) return;
  if (checked.length === 1) return scoreAlone(served, checked[0].m, checked[0].req);
  let scores: Score[];
  try {
    scores = served.scorer.scoreMany(checked.flatMap((c) => recordsToScore(c.req)), run[0].reasons);
  } catch {
    // A record the model cannot score: each request on its own again, so only the one that sent it fails.
    for (const c of checked) scoreAlone(served, c.m, c.req);
    return;
  }
  let at = 0;
  for (const { m, req } of checked) {
    const n = req.hi - req.lo;
    answer(served, m, req, scores.slice(at, at + n));
    at += n;
  }
}

/** One request scored on its own: alone in its group, or after its group failed. */
function scoreAlone(served: ServedModel, m: PredictMessage, req: CheckedRequest): void {
  try {
    answer(served, m, req, scoreChecked(served, req, m.reasons));
  } catch (e) {
    fail(m, e);
  }
}

function answer(served: ServedModel, m: PredictMessage, req: CheckedRequest, scores: readonly Score[]): void {
  const res = predictResponse(served, m.alias, req, scores);
  const probabilities = new Float64Array(res.predictions.length);
  for (let i = 0; i < probabilities.length; i++) probabilities[i] = res.predictions[i].probability;
  const json = m.part ? JSON.stringify(res.model) : JSON.stringify(res);
  const items = m.part ? JSON.stringify(res.predictions).slice(1, -1) : undefined;
  send({ type: 'predicted', job: m.job, json, items, modelName: res.model.name, version: res.model.version, probabilities }, [probabilities.buffer as ArrayBuffer]);
}

function fail(m: PredictMessage, e: unknown): void {
  if (e instanceof AppError) send({ type: 'failed', job: m.job, error: { code: e.code, message: e.message, details: e.details, headers: e.headers } });
  else send({ type: 'failed', job: m.job, error: { code: 'unavailable', message: (e as Error)?.message ?? String(e) }, internal: true });
}

send({ type: 'ready' });
