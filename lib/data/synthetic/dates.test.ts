import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate, weekday } from './dates';
import { buildSourceWindow } from './source-window';

describe('dates', () => {
  it('round-trips ISO dates and rejects impossible ones', () => {
    expect(formatIsoDate(parseIsoDate('2026-10-31'))).toBe('2026-10-31');
    expect(parseIsoDate('1970-01-02')).toBe(1);
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
    expect(() => parseIsoDate('31/10/2026')).toThrow(RangeError);
  });

  it('computes weekdays (2026-10-31 is a Saturday)', () => {
    expect(weekday(parseIsoDate('2026-10-31'))).toBe(6);
    expect(weekday(parseIsoDate('2026-11-01'))).toBe(0);
  });

  it('builds a 12-month window ending on endDate', () => {
    const w = buildSourceWindow('2026-10-31', 12);
    expect(w.dateStrings[0]).toBe('2025-11-01');
    expect(w.dateStrings.at(-1)).toBe('2026-10-31');
    expect(w.dateStrings.length).toBe(365);
    expect(formatIsoDate(w.monthEnd[2])).toBe('2026-01-31');
    expect(w.monthNumber[3]).toBe(2);
  });
});
