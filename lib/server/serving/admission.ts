/**
 * Admission control for the prediction API: at most PREDICT_MAX_INFLIGHT requests are scored at once per server
 * process; beyond that a request is refused at once with 503 and Retry-After, so an overloaded server keeps
 * answering the requests it accepted instead of working for clients that already gave up.
 */
import { env } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';
const KEY = Symbol.for('churnlab.predict-inflight');

function counter(): { n: number } {
  const g = globalThis as unknown as Record<symbol, { n: number } | undefined>;
  return (g[KEY] ??= { n: 0 });
}

/** Takes a slot or throws 503; call the returned function when done (always, e.g. in finally). */
export function admit(signal?: AbortSignal): () => void {
  const c = counter();
  const MAX_INFLIGHT = env().PREDICT_MAX_INFLIGHT;
  if (signal?.aborted) throw new AppError('bad_request', 'the client closed the request');
  if (c.n >= MAX_INFLIGHT) throw new AppError('unavailable', `server busy: ${MAX_INFLIGHT} predictions in progress; retry shortly`, undefined, { 'Retry-After': '1' });
  c.n++;
  let done = false;
  return () => {
    if (!done) {
      done = true;
      c.n--;
    }
  };
}
