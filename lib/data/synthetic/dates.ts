/**
 * Calendar helpers on UTC epoch days (integer days since 1970-01-01). ISO `YYYY-MM-DD` strings only at the
 * edges; the generator works on integers so the hot loop never formats a date.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD` calendar date into an epoch day; throws RangeError on anything else. */
export function parseIsoDate(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`expected a YYYY-MM-DD date, got ${JSON.stringify(iso)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const day = epochDay(y, mo, d);
  const back = new Date(day * MS_PER_DAY);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() + 1 !== mo || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${JSON.stringify(iso)}`);
  }
  return day;
}

/** Epoch day of year/month(1-12)/day; out-of-range month or day roll over like `Date.UTC`. */
export function epochDay(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** `YYYY-MM-DD` for an epoch day. */
export function formatIsoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar parts of an epoch day: year, month 1-12, day of month 1-31, weekday 0 = Sunday. */
export function dateParts(day: number): { year: number; month: number; dom: number; weekday: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dom: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** Weekday of an epoch day, 0 = Sunday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
