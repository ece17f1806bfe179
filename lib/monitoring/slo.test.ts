import { describe, expect, it } from 'vitest';
import { availabilitySli, burnRate, LATENCY_BUCKETS_MS, latencyBucket, latencyQuantile, latencySli, probDecile, sloReport, type MinuteCounts } from './slo';

const NB = LATENCY_BUCKETS_MS.length + 1;
function hist(at: number, n: number): number[] {
  const h = new Array<number>(NB).fill(0);
  h[latencyBucket(at)] = n;
  return h;
}
const M = 60_000;
const now = 1_000 * M;

describe('SLO arithmetic', () => {
  it('buckets and deciles', () => {
    expect(latencyBucket(0.3)).toBe(0);
    expect(latencyBucket(100)).toBe(4);
    expect(latencyBucket(100.1)).toBe(5);
    expect(latencyBucket(1e6)).toBe(LATENCY_BUCKETS_MS.length);
    expect(probDecile(0)).toBe(0);
    expect(probDecile(0.95)).toBe(9);
    expect(probDecile(1)).toBe(9);
  });

  it('availability: 5xx are bad, 4xx are not; budget and burn rate by hand', () => {
    const rows: MinuteCounts[] = [
      { minute: now - 10 * M, statusClass: '2xx', count: 9_990, latencyHist: hist(20, 9_990) },
      { minute: now - 10 * M, statusClass: '4xx', count: 5, latencyHist: hist(20, 5) },
      { minute: now - 5 * M, statusClass: '5xx', count: 5, latencyHist: hist(20, 5) },
    ];
    const av = availabilitySli(rows);
    expect(av).toEqual({ total: 10_000, bad: 5, ratio: 0.9995 });
    // error rate 0.0005 against a 0.001 budget: burn 0.5, half the budget left
    expect(burnRate(av, 0.999)).toBeCloseTo(0.5, 12);
    const r = sloReport(rows, now);
    expect(r.availability.budgetRemaining).toBeCloseTo(0.5, 12);
    expect(r.availability.burn.map((b) => b.firing)).toEqual([false, false]);
    expect(r.series).toHaveLength(2);
  });

  it('multiwindow burn: fires only when both the long and the short window burn', () => {
    // 1 h of traffic, 60 req/min; the last 5 minutes 10 % errors → 5-min burn 100, 1-h burn 100·5/60 ≈ 8.3
    const rows: MinuteCounts[] = [];
    for (let k = 1; k <= 60; k++) {
      const bad = k <= 5 ? 6 : 0;
      rows.push({ minute: now - k * M, statusClass: '2xx', count: 60 - bad, latencyHist: hist(10, 60 - bad) });
      if (bad) rows.push({ minute: now - k * M, statusClass: '5xx', count: bad, latencyHist: hist(10, bad) });
    }
    const r = sloReport(rows, now);
    const fast = r.availability.burn.find((b) => b.window === '1h')!;
    expect(fast.shortBurn).toBeCloseTo(100, 9);
    expect(fast.longBurn).toBeCloseTo(100 * 5 / 60, 9);
    expect(fast.firing).toBe(false); // 8.3 < 14.4
    const slow = r.availability.burn.find((b) => b.window === '6h')!;
    expect(slow.longBurn).toBeCloseTo(100 * 5 / 60, 9);
    expect(slow.firing).toBe(true); // 8.3 ≥ 6 and 30-min burn 16.7 ≥ 6
  });

  it('latency SLI and p95 from the histogram', () => {
    const h = new Array<number>(NB).fill(0);
    h[latencyBucket(20)] = 90; // (10, 25]
    h[latencyBucket(200)] = 10; // (100, 250]
    const rows: MinuteCounts[] = [{ minute: now - M, statusClass: '2xx', count: 100, latencyHist: h }];
    expect(latencySli(rows, 100)).toEqual({ total: 100, bad: 10, ratio: 0.9 });
    // rank 95 falls halfway into (100, 250] → 175 ms
    expect(latencyQuantile(h, 0.95)).toBeCloseTo(175, 9);
    // rank 50 at 50/90 of (10, 25]
    expect(latencyQuantile(h, 0.5)).toBeCloseTo(10 + 15 * (50 / 90), 9);
    const r = sloReport(rows, now);
    // 10 % slow against a 5 % budget: budget overspent (1 − 2 = −1)
    expect(r.latency.budgetRemaining).toBeCloseTo(-1, 12);
    expect(() => sloReport(rows, now, { ...r.targets, latencyThresholdMs: 99 })).toThrow(/bucket edge/);
  });
});
