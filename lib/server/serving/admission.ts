/**
 * Admission control for the prediction API, per server process: at most PREDICT_MAX_INFLIGHT requests are scored
 * at once. Beyond that a request waits for a slot, in arrival order, with at most PREDICT_MAX_QUEUED waiting and
 * for at most PREDICT_QUEUE_TIMEOUT_MS. A request that finds the queue full, or waits longer, is refused with 503
 * and Retry-After. So a short stall (a garbage collection, a busy neighbour on the machine) delays the requests that
 * arrive meanwhile instead of failing them, while a server overloaded for longer still answers the requests it
 * accepted instead of working for clients that already gave up. A client that goes away while waiting leaves the
 * queue.
 */
import { env } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';

interface Waiter {
  take: () => void;
}

interface State {
  n: number;
  /** FIFO of requests waiting for a slot */
  waiting: Waiter[];
}

const KEY = Symbol.for('churnlab.predict-inflight');

function state(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  return (g[KEY] ??= { n: 0, waiting: [] });
}

function busy(s: State, why: string): AppError {
  return new AppError('unavailable', `server busy: ${s.n} predictions in progress and ${s.waiting.length} waiting${why}; retry shortly`, undefined, { 'Retry-After': '1' });
}

const closed = () => new AppError('bad_request', 'the client closed the request');

/** The slot's release: hands it to the longest-waiting request, else frees it. Idempotent. */
function releaser(s: State): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    const next = s.waiting.shift();
    if (next) next.take();
    else s.n--;
  };
}

/**
 * Takes a slot, waiting for one if need be, or rejects with 503 (queue full, or waited too long) or 400 (the client
 * closed the request). Call the returned function when done (always, e.g. in finally).
 */
export function admit(signal?: AbortSignal): Promise<() => void> {
  const s = state();
  const { PREDICT_MAX_INFLIGHT: max, PREDICT_MAX_QUEUED: maxQueued, PREDICT_QUEUE_TIMEOUT_MS: timeoutMs } = env();
  if (signal?.aborted) return Promise.reject(closed());
  if (s.n < max && s.waiting.length === 0) {
    s.n++;
    return Promise.resolve(releaser(s));
  }
  if (s.waiting.length >= maxQueued || timeoutMs === 0) return Promise.reject(busy(s, ''));
  return new Promise((resolve, reject) => {
    const leave = (err: AppError) => {
      const i = s.waiting.indexOf(waiter);
      if (i >= 0) s.waiting.splice(i, 1);
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    };
    const onAbort = () => leave(closed());
    const waiter: Waiter = {
      // the slot passes from the releasing request to this one: the count stays as it is
      take: () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(releaser(s));
      },
    };
    const timer = setTimeout(() => leave(busy(s, ` (waited ${timeoutMs} ms)`)), timeoutMs);
    timer.unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    s.waiting.push(waiter);
  });
}

/** Requests being scored, and requests waiting for a slot. */
export function admissionLoad(): { inFlight: number; waiting: number } {
  const s = state();
  return { inFlight: s.n, waiting: s.waiting.length };
}
