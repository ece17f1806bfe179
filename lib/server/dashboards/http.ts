/** Helpers shared by the dashboard route handlers. */
import { AppError } from '@/lib/server/errors';
import { dashboardOptions, dropEmpty, type DashboardOptions } from './context';

/** `?horizon&value` of a request URL, and the rest of the params. */
export function splitParams(url: string): { options: DashboardOptions; rest: Record<string, string> } {
  const all = Object.fromEntries(new URL(url).searchParams);
  const { horizon, value, ...rest } = all;
  return { options: dashboardOptions.parse(dropEmpty({ horizon, value })), rest };
}

/** A dashboard answer or 404 when the project has no succeeded score batch yet. */
export function orNoScores<T>(v: T | null): T {
  if (v === null) throw new AppError('not_found', 'this project has no scores yet: run a batch score with an approved champion first');
  return v;
}
