/**
 * A scoring thread of the prediction API (see scoring-pool.ts): holds the served model versions and turns a
 * request body into the response JSON with the same `predict` the event loop would run, so answers (and
 * errors) are identical whichever side scores.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '@/lib/server/errors';
import { servedModel, type ServedModel } from './served-model';
import { parseJsonText } from '@/lib/server/http/json-body';
import { predict } from './predict';
import type { FromThread, ToThread } from './scoring-protocol';

const port = parentPort;
if (!port) throw new Error('scoring-thread must run in a worker thread');
const models = new Map<string, ServedModel>();
const send = (m: FromThread, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

port.on('message', (m: ToThread) => {
  if (m.type === 'unload') {
    models.delete(m.versionId);
    return;
  }
  if (m.type === 'load') {
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
    return;
  }
  const served = models.get(m.versionId);
  if (!served) {
    send({ type: 'failed', job: m.job, error: { code: 'unavailable', message: `model version ${m.versionId} is not loaded in this scoring thread` }, internal: true });
    return;
  }
  try {
    const res = predict(served, m.alias, parseJsonText(m.body), m.reasons, m.part);
    const probabilities = new Float64Array(res.predictions.length);
    for (let i = 0; i < probabilities.length; i++) probabilities[i] = res.predictions[i].probability;
    const json = m.part ? JSON.stringify(res.model) : JSON.stringify(res);
    const items = m.part ? JSON.stringify(res.predictions).slice(1, -1) : undefined;
    send({ type: 'predicted', job: m.job, json, items, modelName: res.model.name, version: res.model.version, probabilities }, [probabilities.buffer as ArrayBuffer]);
  } catch (e) {
    if (e instanceof AppError) send({ type: 'failed', job: m.job, error: { code: e.code, message: e.message, details: e.details, headers: e.headers } });
    else send({ type: 'failed', job: m.job, error: { code: 'unavailable', message: (e as Error)?.message ?? String(e) }, internal: true });
  }
});
send({ type: 'ready' });
