/**
 * The cron routes' check: `Authorization: Bearer <CRON_SECRET>` (what Vercel sends), compared in constant time.
 * No secret configured → 503 "cron disabled"; a missing or wrong one → 401.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@/lib/server/errors';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function checkCronAuthorization(authorization: string | null, secret: string | undefined): void {
  if (!secret) throw new AppError('unavailable', 'cron disabled: CRON_SECRET is not set');
  const m = /^Bearer (.+)$/.exec(authorization ?? '');
  // Hashing first gives equal lengths, so the comparison time does not depend on the guess.
  if (!m || !timingSafeEqual(digest(m[1]), digest(secret))) {
    throw new AppError('unauthorized', 'cron: missing or wrong bearer token', undefined, { 'www-authenticate': 'Bearer' });
  }
}
