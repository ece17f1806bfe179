import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => {
  process.env.PREDICT_MAX_INFLIGHT = '2';
  process.env.DATABASE_URL ??= 'postgresql://x@127.0.0.1:1/x';
  process.env.AUTH_SECRET ??= 'x'.repeat(32);
});

describe('prediction admission control', () => {
  it('admits up to the limit, then answers 503 with Retry-After; released slots are reused once', async () => {
    const { admit } = await import('./admission');
    const a = admit();
    const b = admit();
    type Err = { status?: number; headers?: Record<string, string> };
    const err = ((): Err | null => {
      try {
        admit();
        return null;
      } catch (e) {
        return e as Err;
      }
    })();
    expect(err?.status).toBe(503);
    expect(err?.headers?.['Retry-After']).toBe('1');
    a();
    a(); // a second release of the same slot does nothing
    const c = admit();
    expect(() => admit()).toThrow(/busy/);
    b();
    c();
    const ctl = new AbortController();
    ctl.abort();
    expect(() => admit(ctl.signal)).toThrow(/closed/);
  });
});
