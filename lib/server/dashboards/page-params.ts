/** Page helpers: search params → dashboard options, and "not found" answers as Next's 404. */
import { notFound } from 'next/navigation';
import { ZodError } from 'zod';
import { AppError } from '@/lib/server/errors';

export type SearchParams = Record<string, string | string[] | undefined>;

/** Single-valued search params (the first of repeated ones). */
export function flatParams(sp: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

export type Loaded<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * Runs a dashboard loader for a page: an unknown project or customer becomes the 404 page; bad options in the
 * query string (horizon, value column, filters) come back as a message to show, never a 500.
 */
export async function loadPage<T>(load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await load() };
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    if (e instanceof AppError && e.code === 'bad_request') return { ok: false, message: e.message };
    if (e instanceof ZodError) return { ok: false, message: e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    throw e;
  }
}

/** Route params arrive percent-encoded or not depending on the caller. */
export function paramText(v: string): string {
  try {
    return v.includes('%') ? decodeURIComponent(v) : v;
  } catch {
    return v;
  }
}
