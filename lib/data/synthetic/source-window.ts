import { epochDay, formatIsoDate, parseIsoDate } from './dates';

/**
 * The observation window: `months` calendar months ending on `endDate` (the first month starts on its 1st).
 * Precomputes month bounds and the ISO string of every window day so the hot loop only indexes arrays.
 */
export interface SourceWindow {
  /** First and last day of the window, epoch days, inclusive. */
  startDay: number;
  endDay: number;
  /** Per month: first day, last day (epoch days, inclusive; the last month ends at endDay), year, month 1-12. */
  monthStart: Int32Array;
  monthEnd: Int32Array;
  monthYear: Int32Array;
  monthNumber: Int32Array;
  /** `YYYY-MM-DD` of window day `startDay + i` at index i. */
  dateStrings: string[];
}

export function buildSourceWindow(endDate: string, months: number): SourceWindow {
  const endDay = parseIsoDate(endDate);
  const end = new Date(endDay * 86_400_000);
  const endYear = end.getUTCFullYear();
  const endMonth = end.getUTCMonth() + 1;
  const monthStart = new Int32Array(months);
  const monthEnd = new Int32Array(months);
  const monthYear = new Int32Array(months);
  const monthNumber = new Int32Array(months);
  for (let i = 0; i < months; i++) {
    // Month index relative to endMonth; Date.UTC normalises negative months into earlier years.
    const start = epochDay(endYear, endMonth - (months - 1) + i, 1);
    const d = new Date(start * 86_400_000);
    monthStart[i] = start;
    monthYear[i] = d.getUTCFullYear();
    monthNumber[i] = d.getUTCMonth() + 1;
    monthEnd[i] = i === months - 1 ? endDay : epochDay(monthYear[i], monthNumber[i] + 1, 1) - 1;
  }
  const startDay = monthStart[0];
  const dateStrings: string[] = new Array(endDay - startDay + 1);
  for (let d = startDay; d <= endDay; d++) dateStrings[d - startDay] = formatIsoDate(d);
  return { startDay, endDay, monthStart, monthEnd, monthYear, monthNumber, dateStrings };
}
