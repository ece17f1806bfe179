import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => {
  process.env.API_RATE_LIMIT_RPS = '10';
  process.env.API_RATE_LIMIT_BURST = '5';
  process.env.DATABASE_URL ??= 'postgresql://x@127.0.0.1:1/x';
  process.env.AUTH_SECRET ??= 'x'.repeat(32);
});

describe('per-key token bucket', () => {
  it('allows the burst, then answers 429 with Retry-After, and refills at the rate', async () => {
    const { takeToken } = await import('./rate-limit');
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) takeToken('k1', 1, t0);
    type Err = { status?: number; headers?: Record<string, string>; message?: string };
    const err = ((): Err | null => {
      try {
        takeToken('k1', 1, t0);
        return null;
      } catch (e) {
        return e as Err;
      }
    })();
    expect(err?.status).toBe(429);
    expect(err?.headers?.['Retry-After']).toBe('1');
    expect(err?.message).toMatch(/10 requests\/s/);
    // another key has its own bucket
    expect(() => takeToken('k2', 1, t0)).not.toThrow();
    // 100 ms later one token is back (10/s), not two
    expect(() => takeToken('k1', 1, t0 + 100)).not.toThrow();
    expect(() => takeToken('k1', 1, t0 + 100)).toThrow(/rate limit/);
  });
});
