import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => {
  process.env.PREDICT_MAX_INFLIGHT = '2';
  process.env.PREDICT_MAX_QUEUED = '2';
  process.env.PREDICT_QUEUE_TIMEOUT_MS = '100';
  process.env.DATABASE_URL ??= 'postgresql://x@127.0.0.1:1/x';
  process.env.AUTH_SECRET ??= 'x'.repeat(32);
});

type Err = { status?: number; message?: string; headers?: Record<string, string> };
const settle = <T>(p: Promise<T>) => p.then((v) => ({ ok: true as const, v }), (e: Err) => ({ ok: false as const, e }));
const tick = () => new Promise((r) => setImmediate(r));

describe('prediction admission control', () => {
  it('admits up to the limit, then queues in arrival order: a released slot goes to the longest waiter', async () => {
    const { admit, admissionLoad } = await import('./admission');
    const a = await admit();
    const b = await admit();
    const order: string[] = [];
    const c = admit().then((r) => (order.push('c'), r));
    const d = admit().then((r) => (order.push('d'), r));
    await tick();
    expect(admissionLoad()).toEqual({ inFlight: 2, waiting: 2 });
    a();
    a(); // a second release of the same slot does nothing
    const rc = await c;
    expect(order).toEqual(['c']);
    expect(admissionLoad()).toEqual({ inFlight: 2, waiting: 1 });
    b();
    const rd = await d;
    expect(order).toEqual(['c', 'd']);
    rc();
    rd();
    expect(admissionLoad()).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('refuses at once with 503 and Retry-After when the queue is full', async () => {
    const { admit, admissionLoad } = await import('./admission');
    const held = [await admit(), await admit()];
    const queued = [settle(admit()), settle(admit())];
    const full = await settle(admit());
    expect(full.ok).toBe(false);
    if (!full.ok) {
      expect(full.e.status).toBe(503);
      expect(full.e.headers?.['Retry-After']).toBe('1');
      expect(full.e.message).toMatch(/2 predictions in progress and 2 waiting/);
    }
    for (const r of held) r();
    for (const q of await Promise.all(queued)) if (q.ok) q.v();
    expect(admissionLoad()).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('a request that waits longer than the timeout gets 503, and leaves the queue', async () => {
    const { admit, admissionLoad } = await import('./admission');
    const held = [await admit(), await admit()];
    const t0 = Date.now();
    const late = await settle(admit());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.e.message).toMatch(/waited 100 ms/);
    expect(admissionLoad()).toEqual({ inFlight: 2, waiting: 0 });
    for (const r of held) r();
    expect(admissionLoad()).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('a client that goes away while waiting leaves the queue without taking a slot; one already gone is refused', async () => {
    const { admit, admissionLoad } = await import('./admission');
    const held = [await admit(), await admit()];
    const ctl = new AbortController();
    const waiting = settle(admit(ctl.signal));
    await tick();
    expect(admissionLoad().waiting).toBe(1);
    ctl.abort();
    const gone = await waiting;
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.e.message).toMatch(/closed/);
    expect(admissionLoad()).toEqual({ inFlight: 2, waiting: 0 });
    for (const r of held) r();
    expect(admissionLoad()).toEqual({ inFlight: 0, waiting: 0 });
    const aborted = new AbortController();
    aborted.abort();
    await expect(admit(aborted.signal)).rejects.toThrow(/closed/);
  });
});
