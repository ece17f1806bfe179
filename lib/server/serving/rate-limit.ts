/**
 * Per-API-key token bucket (per server process): API_RATE_LIMIT_RPS sustained, API_RATE_LIMIT_BURST at once.
 * Over the limit → 429 with Retry-After (whole seconds until one token is back).
 */
import { env } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';

interface Bucket {
  tokens: number;
  at: number;
}

const KEY = Symbol.for('churnlab.rate-buckets');
function buckets(): Map<string, Bucket> {
  const g = globalThis as unknown as Record<symbol, Map<string, Bucket> | undefined>;
  return (g[KEY] ??= new Map());
}

/** Takes `cost` tokens from the key's bucket or throws 429. */
export function takeToken(keyId: string, cost = 1, now = Date.now()): void {
  const { API_RATE_LIMIT_RPS: rate, API_RATE_LIMIT_BURST: burst } = env();
  const map = buckets();
  let b = map.get(keyId);
  if (!b) {
    b = { tokens: burst, at: now };
    map.set(keyId, b);
  } else {
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
  }
  if (b.tokens >= cost) {
    b.tokens -= cost;
    return;
  }
  const wait = Math.max(1, Math.ceil((cost - b.tokens) / rate));
  throw new AppError('rate_limited', `rate limit of ${rate} requests/s per API key exceeded; retry after ${wait} s`, { retryAfterSeconds: wait }, { 'Retry-After': String(wait) });
}
