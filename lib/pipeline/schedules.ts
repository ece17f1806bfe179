/**
 * The product's schedules, defined once: the worker's own scheduler (one machine), the Vercel crons
 * (`vercel.json` → `/api/cron/<kind>`) and the Kubernetes CronJobs (`k8s/base/cronjob-*.yaml` →
 * `npm run job -- <job>`) all run these kinds with these default cron expressions. Tests in tests/deploy check
 * that every scheduler agrees with this file.
 *
 * Cron expressions are the classic 5 fields, evaluated in UTC (Kubernetes CronJobs and Vercel crons are UTC by
 * default): `minute hour day-of-month month day-of-week`, each a comma list of `*`, `N` or `A-B`, any of them
 * optionally followed by a step `/S` (`N/S` runs from N to the field's end); months JAN–DEC and weekdays SUN–SAT
 * by name too (any case); weekday 7 is Sunday as well as 0. When both day-of-month and
 * day-of-week are restricted (neither is `*`) a day matches if either matches (Vixie cron, robfig/cron as used by
 * Kubernetes).
 */

export const SCHEDULE_KINDS = ['daily-ingest', 'weekly-retrain', 'nightly-score'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** The job a schedule runs: the queue/CLI name (`npm run job -- <name>`). */
export type ScheduleJobName = 'ingest' | 'pipeline' | 'batch-score';

export interface ScheduleDefinition {
  kind: ScheduleKind;
  title: string;
  /** Default 5-field cron expression, UTC. A project may override it (validated with {@link parseCron}). */
  defaultCron: string;
  /** The job it runs. */
  job: ScheduleJobName;
  /** The HTTP path an external scheduler (Vercel cron) calls; the route requires `Authorization: Bearer $CRON_SECRET`. */
  path: `/api/cron/${ScheduleKind}`;
  summary: string;
}

export const SCHEDULES: Readonly<Record<ScheduleKind, ScheduleDefinition>> = {
  'daily-ingest': {
    kind: 'daily-ingest',
    title: 'Daily data refresh',
    defaultCron: '0 1 * * *',
    job: 'ingest',
    path: '/api/cron/daily-ingest',
    summary: 'Ingests the latest window from the project source into a new snapshot.',
  },
  'weekly-retrain': {
    kind: 'weekly-retrain',
    title: 'Weekly retraining',
    // Sunday 02:00, as the seed's k8s/cronjobs/training-pipeline.yaml.
    defaultCron: '0 2 * * 0',
    job: 'pipeline',
    path: '/api/cron/weekly-retrain',
    summary: 'Runs the whole pipeline (ingest → validate → features → train → evaluate → register) behind the retrain gate.',
  },
  'nightly-score': {
    kind: 'nightly-score',
    title: 'Nightly batch scoring',
    defaultCron: '0 3 * * *',
    job: 'batch-score',
    path: '/api/cron/nightly-score',
    summary: 'Scores every customer with the champion into a new batch.',
  },
};

export function isScheduleKind(value: string): value is ScheduleKind {
  return (SCHEDULE_KINDS as readonly string[]).includes(value);
}

/** A parsed cron expression: the sorted values each field allows (day-of-week 0–6, Sunday 0). */
export interface CronSchedule {
  /** The expression with fields separated by single spaces. */
  expression: string;
  minute: readonly number[];
  hour: readonly number[];
  dayOfMonth: readonly number[];
  month: readonly number[];
  dayOfWeek: readonly number[];
  /** False when the field is `*`: then only the other day field decides (AND); both restricted → either (OR). */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

type FieldName = 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

interface FieldSpec {
  name: FieldName;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // 7 is accepted as Sunday and folded to 0 below.
  { name: 'day-of-week', min: 0, max: 7, names: WEEKDAYS },
];
/** Longest month length for each month (February 29 exists in leap years). */
const MONTH_MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function fieldError(field: FieldName, text: string, why: string, expr: string): RangeError {
  return new RangeError(`cron ${field}: "${text}" ${why} (in "${expr}")`);
}

function parseValue(spec: FieldSpec, text: string, expr: string): number {
  if (/^\d+$/.test(text)) {
    const v = Number(text);
    if (v < spec.min || v > spec.max) throw fieldError(spec.name, text, `is out of range ${spec.min}-${spec.max}`, expr);
    return v;
  }
  const idx = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (idx < 0) {
    const allowed = spec.names ? `a number ${spec.min}-${spec.max} or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : `a number ${spec.min}-${spec.max}`;
    throw fieldError(spec.name, text, `is not ${allowed}`, expr);
  }
  return spec.name === 'month' ? idx + 1 : idx;
}

/** Parses one field into a set of allowed values; `star` is true when an item is a bare `*` (step 1). */
function parseField(spec: FieldSpec, text: string, expr: string): { values: number[]; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const item of text.split(',')) {
    const m = /^([^/]+)(?:\/(.*))?$/.exec(item);
    if (!m) throw fieldError(spec.name, item, 'is empty or malformed', expr);
    const [, range, stepText] = m;
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) throw fieldError(spec.name, item, 'has a step that is not a positive integer', expr);
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (range === '*') {
      lo = spec.min;
      hi = spec.name === 'day-of-week' ? 6 : spec.max;
      if (step === 1) star = true;
    } else {
      const dash = range.indexOf('-');
      if (dash >= 0) {
        lo = parseValue(spec, range.slice(0, dash), expr);
        hi = parseValue(spec, range.slice(dash + 1), expr);
        if (lo > hi) throw fieldError(spec.name, item, 'is a range whose start is after its end', expr);
      } else {
        lo = parseValue(spec, range, expr);
        // `A/S` means from A to the end of the field, every S (cron-parser, robfig/cron).
        hi = stepText === undefined ? lo : spec.max;
      }
    }
    for (let v = lo; v <= hi; v += step) set.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return { values: [...set].sort((a, b) => a - b), star };
}

/**
 * Parses and validates a 5-field cron expression. Throws a RangeError naming the offending field and text, e.g.
 * `cron hour: "24" is out of range 0-23 (in "0 24 * * *")`. Also refuses day-of-month/month combinations that
 * never occur (`0 0 31 2 *`).
 */
export function parseCron(expr: string): CronSchedule {
  if (typeof expr !== 'string') throw new TypeError(`cron expression must be a string, got ${typeof expr}`);
  const parts = expr.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== 5) {
    throw new RangeError(`cron expression must have 5 fields (minute hour day-of-month month day-of-week), got ${parts.length} in "${expr}"`);
  }
  const [minute, hour, dom, month, dow] = parts.map((p, i) => parseField(FIELDS[i], p, expr));
  const schedule: CronSchedule = {
    expression: parts.join(' '),
    minute: minute.values,
    hour: hour.values,
    dayOfMonth: dom.values,
    month: month.values,
    dayOfWeek: dow.values,
    dayOfMonthRestricted: !dom.star,
    dayOfWeekRestricted: !dow.star,
  };
  // With day-of-week unrestricted, only day-of-month decides: it must fit in at least one chosen month.
  if (!schedule.dayOfWeekRestricted && !schedule.month.some((mo) => schedule.dayOfMonth[0] <= MONTH_MAX_DAYS[mo - 1])) {
    throw fieldError('day-of-month', parts[2], `never occurs in month "${parts[3]}"`, expr);
  }
  return schedule;
}

function dayMatches(s: CronSchedule, t: Date): boolean {
  const dom = s.dayOfMonth.includes(t.getUTCDate());
  const dow = s.dayOfWeek.includes(t.getUTCDay());
  if (s.dayOfMonthRestricted && s.dayOfWeekRestricted) return dom || dow;
  return dom && dow;
}

const MINUTE_MS = 60_000;
/** Search horizon for one fire time: covers the 8-year gap between some leap days (2096 → 2104). */
const HORIZON_MS = 9 * 366 * 24 * 60 * MINUTE_MS;

/**
 * The next `n` fire times (UTC) strictly after `from`, in order. `schedule` is an expression or the result of
 * {@link parseCron}. Returns fewer than `n` only if the schedule cannot fire within the search horizon.
 */
export function nextRuns(schedule: string | CronSchedule, from: Date, n: number): Date[] {
  const s = typeof schedule === 'string' ? parseCron(schedule) : schedule;
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw new TypeError(`from must be a valid Date, got ${String(from)}`);
  if (!Number.isInteger(n) || n < 0 || n > 10_000) throw new RangeError(`n must be an integer 0-10000, got ${n}`);
  const out: Date[] = [];
  // First whole minute strictly after `from`.
  let t = new Date((Math.floor(from.getTime() / MINUTE_MS) + 1) * MINUTE_MS);
  let limit = t.getTime() + HORIZON_MS;
  while (out.length < n && t.getTime() <= limit) {
    if (!s.month.includes(t.getUTCMonth() + 1)) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1));
    } else if (!dayMatches(s, t)) {
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1));
    } else if (!s.hour.includes(t.getUTCHours())) {
      // Next allowed hour today, else tomorrow 00:00 (the day is checked again).
      const h = s.hour.find((v) => v > t.getUTCHours()) ?? 24;
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), h));
    } else if (!s.minute.includes(t.getUTCMinutes())) {
      const m = s.minute.find((v) => v > t.getUTCMinutes()) ?? 60;
      t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), m));
    } else {
      out.push(t);
      t = new Date(t.getTime() + MINUTE_MS);
      limit = t.getTime() + HORIZON_MS;
    }
  }
  return out;
}
