/**
 * Request recording for the prediction API: an in-process aggregator keyed by (minute, route, model, version,
 * status class) holding a count, a latency histogram over LATENCY_BUCKETS_MS and the predictions by probability
 * decile. Flushed to RequestMetric every FLUSH_MS and at shutdown (best effort). Recording never blocks or fails
 * a request: it only touches memory; a failed flush is logged and its counts are kept for the next one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { PredictResponseDTO } from '@/lib/api/dto';
import { LATENCY_BUCKETS_MS, latencyBucket, PROB_DECILES, probDecile } from '@/lib/monitoring/slo';
import { db } from '@/lib/server/db/client';

export const FLUSH_MS = 10_000;
/** Per-minute rows older than this are pruned at flush. */
export const RETENTION_DAYS = 35;

interface Bucket {
  minute: Date;
  route: string;
  modelName: string;
  modelVersion: number;
  statusClass: string;
  count: number;
  latencyHist: number[];
  latencySumMs: number;
  probHist: number[];
}

interface State {
  pending: Map<string, Bucket>;
  timer: ReturnType<typeof setInterval> | null;
  flushing: Promise<number> | null;
  /** per request: the served model and its predictions */
  notes: WeakMap<IncomingMessage, { name: string; version: number; probabilities?: number[] }>;
  hooked: boolean;
  lastPrune: number;
}

const g = globalThis as unknown as { churnlabRequestMetrics?: State };
function state(): State {
  g.churnlabRequestMetrics ??= { pending: new Map(), timer: null, flushing: null, notes: new WeakMap(), hooked: false, lastPrune: 0 };
  return g.churnlabRequestMetrics;
}

export const INSTANCE = `${hostname()}-${process.pid}`;

export function statusClass(status: number): string {
  return status >= 500 ? '5xx' : status >= 400 ? '4xx' : '2xx';
}

/** Adds one request to the in-memory aggregate (never throws). */
export function recordRequest(r: { route: string; status: number; latencyMs: number; modelName?: string; modelVersion?: number; probabilities?: readonly number[]; at?: Date }): void {
  try {
    const s = state();
    const minute = new Date(Math.floor((r.at ?? new Date()).getTime() / 60_000) * 60_000);
    const sc = statusClass(r.status);
    const key = `${minute.getTime()}|${r.route}|${r.modelName ?? ''}|${r.modelVersion ?? 0}|${sc}`;
    let b = s.pending.get(key);
    if (!b) {
      b = { minute, route: r.route, modelName: r.modelName ?? '', modelVersion: r.modelVersion ?? 0, statusClass: sc, count: 0, latencyHist: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0), latencySumMs: 0, probHist: new Array<number>(PROB_DECILES).fill(0) };
      s.pending.set(key, b);
    }
    b.count++;
    b.latencyHist[latencyBucket(r.latencyMs)]++;
    b.latencySumMs += r.latencyMs;
    if (r.probabilities) for (const p of r.probabilities) if (Number.isFinite(p)) b.probHist[probDecile(p)]++;
    ensureTimer();
  } catch (e) {
    console.error('[request-metrics] record failed:', (e as Error).message);
  }
}

/** Called by a handler once the model is resolved (so 4xx/5xx after that are counted against it). */
export function noteServed(req: IncomingMessage, name: string, version: number): void {
  state().notes.set(req, { name, version });
}

/** Called by a handler with its response: the served model and what it predicted. */
export function notePrediction(req: IncomingMessage, res: PredictResponseDTO): void {
  noteScores(req, res.model.name, res.model.version, res.predictions.map((p) => p.probability));
}

/** `notePrediction` from the probabilities alone (a scoring thread's answer). */
export function noteScores(req: IncomingMessage, name: string, version: number, probabilities: ArrayLike<number>): void {
  state().notes.set(req, { name, version, probabilities: Array.from(probabilities) });
}

/**
 * Wraps a Node route handler (withNodeRoute's, which answers every request itself and never throws): times it and
 * records the status it answered (500 if it threw after all), the served model and the predictions.
 */
export function withRequestMetrics(route: string, handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const t0 = performance.now();
    try {
      await handler(req, res);
    } catch (e) {
      res.statusCode = 500;
      throw e;
    } finally {
      // the status the handler answered with (sendJson sets it even for a client that has gone)
      const status = res.statusCode;
      const note = state().notes.get(req);
      recordRequest({ route, status, latencyMs: performance.now() - t0, modelName: note?.name, modelVersion: note?.version, probabilities: status < 300 ? note?.probabilities : undefined });
    }
  };
}

function ensureTimer(): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(() => void flushRequestMetrics(), FLUSH_MS);
  s.timer.unref?.();
  if (!s.hooked) {
    s.hooked = true;
    // best effort at shutdown: Next's own signal handlers decide when the process exits
    process.once('beforeExit', () => void flushRequestMetrics());
    for (const sig of ['SIGTERM', 'SIGINT'] as const) if (process.listenerCount(sig) > 0) process.prependOnceListener(sig, () => void flushRequestMetrics());
  }
}

/** Counts not yet written (for tests and the shutdown path). */
export function pendingRequestMetrics(): number {
  let n = 0;
  for (const b of state().pending.values()) n += b.count;
  return n;
}

/** Writes the pending aggregate as RequestMetric rows; on failure the counts go back for the next flush. */
export async function flushRequestMetrics(): Promise<number> {
  const s = state();
  if (s.flushing) await s.flushing.catch(() => 0);
  if (s.pending.size === 0) return 0;
  const taken = s.pending;
  s.pending = new Map();
  s.flushing = (async () => {
    try {
      const rows = [...taken.values()].map((b) => ({ ...b, instance: INSTANCE }));
      await db().requestMetric.createMany({ data: rows });
      if (Date.now() - s.lastPrune > 3_600_000) {
        s.lastPrune = Date.now();
        await db().requestMetric.deleteMany({ where: { minute: { lt: new Date(Date.now() - RETENTION_DAYS * 86_400_000) } } });
      }
      return rows.length;
    } catch (e) {
      console.error('[request-metrics] flush failed, keeping counts for the next flush:', (e as Error).message);
      for (const [k, b] of taken) {
        const cur = s.pending.get(k);
        if (!cur) s.pending.set(k, b);
        else {
          cur.count += b.count;
          cur.latencySumMs += b.latencySumMs;
          b.latencyHist.forEach((c, i) => (cur.latencyHist[i] += c));
          b.probHist.forEach((c, i) => (cur.probHist[i] += c));
        }
      }
      return 0;
    }
  })();
  try {
    return await s.flushing;
  } finally {
    s.flushing = null;
  }
}

/** Stops the flush timer (tests). */
export function stopRequestMetrics(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
}
