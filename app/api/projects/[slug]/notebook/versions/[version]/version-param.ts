import { AppError } from '@/lib/server/errors';

/** The `[version]` path segment as a positive integer, or a 400 naming it. */
export function versionParam(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new AppError('bad_request', `version: expected a positive integer, got "${raw}"`);
  return n;
}
