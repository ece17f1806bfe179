import cronParser from 'cron-parser';
import { describe, expect, it } from 'vitest';
import { isScheduleKind, nextRuns, parseCron, SCHEDULE_KINDS, SCHEDULES } from './schedules';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

/** cron-parser 4 (pg-boss's own cron library, so what the worker's scheduler accepts) as the reference. */
function reference(expr: string, from: Date, n: number): string[] {
  const it = cronParser.parseExpression(expr, { currentDate: from, utc: true });
  return Array.from({ length: n }, () => it.next().toDate().toISOString());
}

describe('SCHEDULES', () => {
  it('has one definition per kind, with the defaults of the product', () => {
    expect(Object.keys(SCHEDULES).sort()).toEqual([...SCHEDULE_KINDS].sort());
    expect(SCHEDULES['daily-ingest']).toMatchObject({ defaultCron: '0 1 * * *', job: 'ingest', path: '/api/cron/daily-ingest' });
    expect(SCHEDULES['weekly-retrain']).toMatchObject({ defaultCron: '0 2 * * 0', job: 'pipeline', path: '/api/cron/weekly-retrain' });
    expect(SCHEDULES['nightly-score']).toMatchObject({ defaultCron: '0 3 * * *', job: 'batch-score', path: '/api/cron/nightly-score' });
    for (const kind of SCHEDULE_KINDS) {
      expect(SCHEDULES[kind].kind).toBe(kind);
      expect(SCHEDULES[kind].path).toBe(`/api/cron/${kind}`);
      expect(() => parseCron(SCHEDULES[kind].defaultCron)).not.toThrow();
    }
    expect(isScheduleKind('nightly-score')).toBe(true);
    expect(isScheduleKind('hourly')).toBe(false);
  });

  it('weekly retrain fires on Sundays at 02:00 UTC', () => {
    const runs = nextRuns(SCHEDULES['weekly-retrain'].defaultCron, new Date('2026-11-28T12:00:00Z'), 3);
    expect(iso(runs)).toEqual(['2026-11-29T02:00:00.000Z', '2026-12-06T02:00:00.000Z', '2026-12-13T02:00:00.000Z']);
  });
});

describe('parseCron', () => {
  it('expands lists, ranges, steps and names', () => {
    const s = parseCron('*/15 9-17/4 1,15 jan-MAR,dec MON-FRI');
    expect(s.minute).toEqual([0, 15, 30, 45]);
    expect(s.hour).toEqual([9, 13, 17]);
    expect(s.dayOfMonth).toEqual([1, 15]);
    expect(s.month).toEqual([1, 2, 3, 12]);
    expect(s.dayOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(s.dayOfMonthRestricted && s.dayOfWeekRestricted).toBe(true);
  });

  it('treats weekday 7 as Sunday, N/S as N to the end, and normalizes spacing', () => {
    const s = parseCron('  5/20  0   *  *  5-7 ');
    expect(s.expression).toBe('5/20 0 * * 5-7');
    expect(s.minute).toEqual([5, 25, 45]);
    expect(s.dayOfWeek).toEqual([0, 5, 6]);
    expect(s.dayOfMonthRestricted).toBe(false);
    expect(parseCron('0 0 * * SUN').dayOfWeek).toEqual([0]);
    expect(parseCron('0 0 * * *').dayOfWeek).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ['0 1 * *', /5 fields/],
    ['0 1 * * * *', /5 fields/],
    ['60 * * * *', /cron minute: "60" is out of range 0-59/],
    ['0 24 * * *', /cron hour: "24" is out of range 0-23/],
    ['0 0 0 * *', /cron day-of-month: "0" is out of range 1-31/],
    ['0 0 * 13 *', /cron month: "13" is out of range 1-12/],
    ['0 0 * FOO *', /cron month: "FOO" is not/],
    ['0 0 * * 8', /cron day-of-week: "8" is out of range 0-7/],
    ['0 0 * * MON-SUNDAY', /cron day-of-week: "SUNDAY"/],
    ['5-1 * * * *', /cron minute: "5-1" is a range whose start is after its end/],
    ['*/0 * * * *', /cron minute: "\*\/0" has a step/],
    ['*/x * * * *', /cron minute/],
    ['1,,2 * * * *', /cron minute: "" is empty/],
    ['0 0 L * *', /cron day-of-month: "L" is not a number 1-31/],
    ['0 0 ? * *', /cron day-of-month/],
    ['0 0 * * 1#2', /cron day-of-week/],
    ['0 0 31 2 *', /cron day-of-month: "31" never occurs/],
    ['0 0 31 APR,JUN *', /never occurs/],
    ['@daily', /5 fields/],
  ])('rejects %s with a RangeError naming the field', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(RangeError);
    expect(() => parseCron(expr)).toThrow(message);
  });

  it('accepts February 29 and a 31st that some chosen month has', () => {
    expect(() => parseCron('0 0 29 2 *')).not.toThrow();
    expect(() => parseCron('0 0 31 2,3 *')).not.toThrow();
    // With a weekday restriction as well, either day field matches: it still fires.
    expect(() => parseCron('0 0 31 2 MON')).not.toThrow();
  });
});

describe('nextRuns', () => {
  it('returns fire times strictly after from, in UTC', () => {
    const from = new Date('2026-11-28T01:00:00Z');
    expect(iso(nextRuns('0 1 * * *', from, 2))).toEqual(['2026-11-29T01:00:00.000Z', '2026-11-30T01:00:00.000Z']);
    expect(iso(nextRuns('0 1 * * *', new Date('2026-11-28T00:59:59.999Z'), 1))).toEqual(['2026-11-28T01:00:00.000Z']);
    expect(nextRuns('0 1 * * *', from, 0)).toEqual([]);
  });

  it('ORs day-of-month and day-of-week when both are restricted, ANDs otherwise', () => {
    // 4:30 on the 1st and 15th, plus every Friday (crontab(5)).
    const from = new Date('2026-01-01T05:00:00Z'); // a Thursday
    expect(iso(nextRuns('30 4 1,15 * 5', from, 4))).toEqual([
      '2026-01-02T04:30:00.000Z',
      '2026-01-09T04:30:00.000Z',
      '2026-01-15T04:30:00.000Z',
      '2026-01-16T04:30:00.000Z',
    ]);
    expect(iso(nextRuns('0 0 13 * *', from, 1))).toEqual(['2026-01-13T00:00:00.000Z']);
    expect(iso(nextRuns('0 0 * * FRI', from, 1))).toEqual(['2026-01-02T00:00:00.000Z']);
  });

  it('crosses months, years and leap days', () => {
    expect(iso(nextRuns('0 0 29 2 *', new Date('2026-11-28T00:00:00Z'), 2))).toEqual(['2028-02-29T00:00:00.000Z', '2032-02-29T00:00:00.000Z']);
    expect(iso(nextRuns('59 23 31 DEC *', new Date('2026-12-31T23:59:00Z'), 1))).toEqual(['2027-12-31T23:59:00.000Z']);
    expect(iso(nextRuns('0 12 31 * *', new Date('2026-04-01T00:00:00Z'), 2))).toEqual(['2026-05-31T12:00:00.000Z', '2026-07-31T12:00:00.000Z']);
  });

  it('checks its arguments', () => {
    expect(() => nextRuns('0 1 * * *', new Date('nope'), 1)).toThrow(TypeError);
    expect(() => nextRuns('0 1 * * *', new Date(), -1)).toThrow(RangeError);
    expect(() => nextRuns('0 1 * * *', new Date(), 1.5)).toThrow(RangeError);
    expect(() => nextRuns('0 25 * * *', new Date(), 1)).toThrow(/cron hour/);
  });

  it.each([
    '0 1 * * *',
    '0 2 * * 0',
    '0 3 * * *',
    '*/7 * * * *',
    '5,35 */5 * * *',
    '15 10-14/2 * * *',
    '0 0 1 */2 *',
    '30 4 1,15 * 5',
    '0 8 * * MON-FRI',
    '0 0 * * 7',
    '45 23 28-31 * *',
    '0 6 1 JAN,JUL *',
    '10/20 3 * * SAT,SUN',
  ])('agrees with cron-parser on %s', (expr) => {
    for (const from of ['2026-11-28T01:02:03Z', '2028-02-28T23:59:00Z']) {
      expect(iso(nextRuns(expr, new Date(from), 8))).toEqual(reference(expr, new Date(from), 8));
    }
  });
});
