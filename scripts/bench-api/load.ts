/**
 * Load generators of the API benchmarks.
 *
 * - `closedLoop`: autocannon with a fixed number of connections, each sending its next request as soon as the
 *   previous answer arrives. Latencies are taken from autocannon's per-response event (float ms), not from its
 *   histogram, which keeps whole milliseconds only.
 * - `openLoop`: a fixed offered rate with requests spaced evenly (request i is due at i/rate s), sent whether or
 *   not earlier ones have been answered, over a keep-alive pool. autocannon's `overallRate` is not used for this:
 *   it gives each connection a per-second quota that it sends back to back at the start of every second
 *   (lib/httpClient.js `reqsMadeThisSecond`), i.e. bursts of `connections` concurrent requests once a second,
 *   and its coordinated-omission correction assumes 1 ms spacing (`Math.ceil(1 / rate)`), adding synthetic samples.
 */
import http from 'node:http';
import autocannon, { type AutocannonInstance, type AutocannonRequest } from 'autocannon';
import { LatencyLog } from './stats';

export interface Target {
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  /** request bodies, used in turn */
  bodies: string[];
}

export interface ClosedLoopResult {
  connections: number;
  seconds: number;
  /** 2xx answers */
  ok: number;
  non2xx: number;
  /** socket errors, timeouts included */
  errors: number;
  /** requests unanswered after 10 s */
  timeouts: number;
  statusCodes: Record<string, number>;
  latency: Float64Array;
}

let current: AutocannonInstance | null = null;
/** Stops a running autocannon instance (Ctrl-C). */
export function stopClosedLoop(): void {
  current?.stop();
}

/** One closed-loop run of `seconds` at `connections`. */
export async function closedLoop(target: Target, connections: number, seconds: number): Promise<ClosedLoopResult> {
  const requests: AutocannonRequest[] = target.bodies.map((body) => ({ method: 'POST', path: target.path, headers: target.headers, body }));
  const latency = new LatencyLog();
  let ok = 0;
  let non2xx = 0;
  const inst = autocannon({ url: target.baseUrl, connections, duration: seconds, requests, timeout: 10 });
  current = inst;
  inst.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) {
      ok++;
      latency.add(ms);
    } else non2xx++;
  });
  try {
    const res = await inst;
    const statusCodes = Object.fromEntries(Object.entries(res.statusCodeStats).map(([k, v]) => [k, v.count]));
    return { connections, seconds: res.duration, ok, non2xx, errors: res.errors, timeouts: res.timeouts, statusCodes, latency: latency.values() };
  } finally {
    current = null;
  }
}

export interface Completion {
  /** ms since the run started at which the request was due */
  dueMs: number;
  /** ms since the run started at which the answer (or the error) arrived */
  doneMs: number;
  /** ms from sending to the end of the answer (NaN on a socket error or timeout) */
  latencyMs: number;
  /** HTTP status, 0 on a socket error or timeout */
  status: number;
  error: string | null;
  /** the answer's text when `keepBodies` */
  body: string | null;
}

export interface OpenLoopOptions {
  rate: number;
  seconds: number;
  /** most sockets open at once (requests beyond wait in the pool, and their wait counts in their latency) */
  maxSockets?: number;
  timeoutMs?: number;
  keepBodies?: boolean;
  onComplete?: (c: Completion) => void;
  signal?: AbortSignal;
  /** called once when the first request is due (the time origin of `dueMs` / `doneMs`) */
  onStart?: () => void;
}

export interface OpenLoopResult {
  offeredRate: number;
  seconds: number;
  sent: number;
  ok: number;
  non2xx: number;
  /** socket errors and timeouts */
  errors: number;
  statusCodes: Record<string, number>;
  errorKinds: Record<string, number>;
  /** 2xx answers per second of the run (until the last answer) */
  achievedRate: number;
  latency: Float64Array;
  /** how late the generator sent requests (ms past due): shows whether the client kept up */
  lagP99: number;
}

/** An open-loop run: `rate` requests per second, evenly spaced, for `seconds` (then waits for the stragglers). */
export async function openLoop(target: Target, opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const url = new URL(target.path, target.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 256, scheduling: 'fifo' });
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const latency = new LatencyLog();
  const lag = new LatencyLog();
  const statusCodes: Record<string, number> = {};
  const errorKinds: Record<string, number> = {};
  let sent = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let inflight = 0;
  const bodies = target.bodies.map((b) => Buffer.from(b));
  const headers = { ...target.headers, 'content-type': 'application/json' };

  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const t0 = performance.now();
  let stopped = false;
  opts.onStart?.();

  const finish = (c: Completion) => {
    inflight--;
    if (c.status >= 200 && c.status < 300) {
      ok++;
      latency.add(c.latencyMs);
    } else if (c.status) non2xx++;
    else errors++;
    if (c.status) statusCodes[c.status] = (statusCodes[c.status] ?? 0) + 1;
    else errorKinds[c.error ?? 'error'] = (errorKinds[c.error ?? 'error'] ?? 0) + 1;
    opts.onComplete?.(c);
    if (stopped && inflight === 0) resolveDone();
  };

  const send = (i: number) => {
    const dueMs = i * interval;
    const startedAt = performance.now();
    lag.add(startedAt - t0 - dueMs);
    const body = bodies[i % bodies.length];
    sent++;
    inflight++;
    let settled = false;
    // From dispatch, not from when the pool hands out a socket: waiting for a socket counts.
    const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), timeoutMs);
    const settle = (status: number, error: string | null, text: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const now = performance.now();
      finish({ dueMs, doneMs: now - t0, latencyMs: status ? now - startedAt : Number.NaN, status, error, body: text });
    };
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      if (opts.keepBodies) res.on('data', (c: Buffer) => chunks.push(c));
      else res.resume();
      res.on('end', () => settle(res.statusCode ?? 0, null, opts.keepBodies ? Buffer.concat(chunks).toString() : null));
      res.on('error', (e: NodeJS.ErrnoException) => settle(0, e.code ?? e.message, null));
    });
    req.on('error', (e: NodeJS.ErrnoException) => settle(0, e.code ?? e.message, null));
    req.end(body);
  };

  let next = 0;
  const tick = () => {
    if (opts.signal?.aborted) next = total;
    const now = performance.now() - t0;
    while (next < total && next * interval <= now) send(next++);
    if (next < total) {
      setTimeout(tick, Math.max(0, next * interval - (performance.now() - t0)));
      return;
    }
    stopped = true;
    if (inflight === 0) resolveDone();
  };
  tick();
  await done;
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const lagValues = Float64Array.from(lag.values()).sort();
  return {
    offeredRate: opts.rate,
    seconds,
    sent,
    ok,
    non2xx,
    errors,
    statusCodes,
    errorKinds,
    achievedRate: ok / seconds,
    latency: latency.values(),
    lagP99: lagValues.length ? lagValues[Math.min(lagValues.length - 1, Math.ceil(0.99 * lagValues.length) - 1)] : 0,
  };
}
