import { formatIsoDate, parseIsoDate } from '@/lib/data/synthetic/dates';

/** An ingest window: ISO `YYYY-MM-DD` calendar dates, both inclusive, start ≤ end. */
export interface IngestWindow {
  start: string;
  end: string;
}

/**
 * A window as given by a caller: explicit bounds, or a relative length `Nd` (days) / `Nw` (weeks) / `Nm`
 * (calendar months) that ends on `end` — e.g. `{ last: '30d', end: '2026-09-30' }` is 2026-09-01 … 2026-09-30.
 */
export type WindowInput = IngestWindow | { last: string; end: string };

const RELATIVE = /^([1-9][0-9]{0,3})([dwm])$/;

/** True for the relative form. */
export function isRelativeWindow(w: WindowInput): w is { last: string; end: string } {
  return 'last' in w;
}

/** Shifts an ISO date by `days` (may be negative). */
export function addDays(iso: string, days: number): string {
  return formatIsoDate(parseIsoDate(iso) + days);
}

/** Resolves and validates a window; throws RangeError naming the bad value. */
export function resolveWindow(input: WindowInput): IngestWindow {
  if (isRelativeWindow(input)) {
    const m = RELATIVE.exec(input.last);
    if (!m) throw new RangeError(`window length must look like 30d, 4w or 3m, got ${JSON.stringify(input.last)}`);
    const n = Number(m[1]);
    const endDay = parseIsoDate(input.end);
    if (m[2] === 'd') return { start: formatIsoDate(endDay - n + 1), end: input.end };
    if (m[2] === 'w') return { start: formatIsoDate(endDay - 7 * n + 1), end: input.end };
    // Months: the day after the same calendar day n months earlier (clamped to that month's length).
    const d = new Date(endDay * 86_400_000);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth() - n;
    const lastOfTarget = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
    const dom = Math.min(d.getUTCDate(), lastOfTarget);
    const back = Math.floor(Date.UTC(y, mo, dom) / 86_400_000);
    return { start: formatIsoDate(back + 1), end: input.end };
  }
  const start = parseIsoDate(input.start);
  const end = parseIsoDate(input.end);
  if (start > end) throw new RangeError(`window start ${input.start} is after end ${input.end}`);
  return { start: input.start, end: input.end };
}
