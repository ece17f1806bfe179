/**
 * Service-level arithmetic over per-minute request counts (RequestMetric rows): availability and latency SLIs,
 * error budget remaining, burn rates and the multiwindow burn-rate alert (Google SRE workbook, ch. 5).
 *
 * - availability SLI = good / total, where bad = 5xx (4xx are the caller's errors and count as good);
 * - latency SLI = share of 2xx/4xx requests at or under `latencyThresholdMs` (100 ms), read from the histogram
 *   over LATENCY_BUCKETS_MS (so the threshold must be a bucket edge); "p95 < 100 ms" ⇔ latency SLI ≥ 95 %;
 * - burn rate over a window = (bad / total) / (1 − target): 1 spends the budget exactly over the SLO period;
 * - error budget remaining = 1 − (bad / total over the period) / (1 − target) (negative = overspent).
 */

/** Upper edges (ms) of the latency histogram; counts have one more slot for "above the top edge". */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;
/** Probability deciles 0.0–0.1 … 0.9–1.0 (index = min(9, floor(p·10))). */
export const PROB_DECILES = 10;

export function latencyBucket(ms: number): number {
  for (let k = 0; k < LATENCY_BUCKETS_MS.length; k++) if (ms <= LATENCY_BUCKETS_MS[k]) return k;
  return LATENCY_BUCKETS_MS.length;
}

export function probDecile(p: number): number {
  return Math.min(PROB_DECILES - 1, Math.max(0, Math.floor(p * PROB_DECILES)));
}

export interface MinuteCounts {
  /** start of the minute, ms since epoch */
  minute: number;
  statusClass: string;
  count: number;
  latencyHist: readonly number[];
}

export interface SloTargets {
  /** availability objective, e.g. 0.999 */
  availability: number;
  /** share of requests that must be at or under latencyThresholdMs, e.g. 0.95 for a p95 objective */
  latencyTarget: number;
  latencyThresholdMs: number;
  /** SLO period for the budget, in minutes (30 days) */
  periodMinutes: number;
}

export const DEFAULT_SLO: SloTargets = { availability: 0.999, latencyTarget: 0.95, latencyThresholdMs: 100, periodMinutes: 30 * 24 * 60 };

export interface Sli {
  total: number;
  bad: number;
  /** good / total, 1 when there was no traffic */
  ratio: number;
}

function checkTargets(t: SloTargets): void {
  if (!(t.availability > 0 && t.availability < 1)) throw new RangeError(`availability target must be in (0, 1), got ${t.availability}`);
  if (!(t.latencyTarget > 0 && t.latencyTarget < 1)) throw new RangeError(`latency target must be in (0, 1), got ${t.latencyTarget}`);
  if (!(LATENCY_BUCKETS_MS as readonly number[]).includes(t.latencyThresholdMs)) throw new RangeError(`latencyThresholdMs ${t.latencyThresholdMs} is not a bucket edge (${LATENCY_BUCKETS_MS.join(', ')})`);
}

function inWindow(rows: readonly MinuteCounts[], from: number, to: number): MinuteCounts[] {
  return rows.filter((r) => r.minute >= from && r.minute < to);
}

export function availabilitySli(rows: readonly MinuteCounts[]): Sli {
  let total = 0;
  let bad = 0;
  for (const r of rows) {
    total += r.count;
    if (r.statusClass === '5xx') bad += r.count;
  }
  return { total, bad, ratio: total ? (total - bad) / total : 1 };
}

export function latencySli(rows: readonly MinuteCounts[], thresholdMs: number): Sli {
  const edge = LATENCY_BUCKETS_MS.indexOf(thresholdMs as (typeof LATENCY_BUCKETS_MS)[number]);
  if (edge < 0) throw new RangeError(`latency threshold ${thresholdMs} ms is not a bucket edge`);
  let total = 0;
  let good = 0;
  for (const r of rows) {
    if (r.statusClass === '5xx') continue;
    for (let k = 0; k < r.latencyHist.length; k++) {
      total += r.latencyHist[k];
      if (k <= edge) good += r.latencyHist[k];
    }
  }
  return { total, bad: total - good, ratio: total ? good / total : 1 };
}

/** Quantile q of the latency histogram, linear within a bucket (Prometheus histogram_quantile); null: no data. */
export function latencyQuantile(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let cum = 0;
  for (let k = 0; k < hist.length; k++) {
    if (cum + hist[k] >= rank && hist[k] > 0) {
      if (k >= LATENCY_BUCKETS_MS.length) return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
      const lo = k === 0 ? 0 : LATENCY_BUCKETS_MS[k - 1];
      return lo + (LATENCY_BUCKETS_MS[k] - lo) * ((rank - cum) / hist[k]);
    }
    cum += hist[k];
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
}

export function burnRate(sli: Sli, target: number): number {
  return sli.total ? sli.bad / sli.total / (1 - target) : 0;
}

export interface BurnWindow {
  name: string;
  /** long window, minutes */
  longMinutes: number;
  /** short window, minutes (must also burn, so the alert resets quickly) */
  shortMinutes: number;
  threshold: number;
}

/** The workbook's multiwindow pair, 1 h (with 5 min) at 14.4× and 6 h (with 30 min) at 6×. */
export const DEFAULT_BURN_WINDOWS: BurnWindow[] = [
  { name: '1h', longMinutes: 60, shortMinutes: 5, threshold: 14.4 },
  { name: '6h', longMinutes: 360, shortMinutes: 30, threshold: 6 },
];

export interface BurnResult {
  window: string;
  longBurn: number;
  shortBurn: number;
  threshold: number;
  firing: boolean;
}

export interface SloReport {
  targets: SloTargets;
  availability: Sli & { budgetRemaining: number; burn: BurnResult[] };
  latency: Sli & { budgetRemaining: number; burn: BurnResult[]; p95Ms: number | null; p50Ms: number | null };
  /** per minute for charts: requests, errors (5xx), p95 */
  series: { minute: number; requests: number; errors: number; p95Ms: number | null }[];
}

function budget(sli: Sli, target: number): number {
  return sli.total ? 1 - sli.bad / sli.total / (1 - target) : 1;
}

/** The SLO report at time `now` (ms) over the period ending at now. */
export function sloReport(rows: readonly MinuteCounts[], now: number, targets: SloTargets = DEFAULT_SLO, windows: readonly BurnWindow[] = DEFAULT_BURN_WINDOWS): SloReport {
  checkTargets(targets);
  const period = inWindow(rows, now - targets.periodMinutes * 60_000, now + 1);
  const av = availabilitySli(period);
  const lat = latencySli(period, targets.latencyThresholdMs);
  const burns = (sli: (rs: MinuteCounts[]) => Sli, target: number): BurnResult[] =>
    windows.map((w) => {
      const longBurn = burnRate(sli(inWindow(period, now - w.longMinutes * 60_000, now + 1)), target);
      const shortBurn = burnRate(sli(inWindow(period, now - w.shortMinutes * 60_000, now + 1)), target);
      return { window: w.name, longBurn, shortBurn, threshold: w.threshold, firing: longBurn >= w.threshold && shortBurn >= w.threshold };
    });
  const hist = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  const byMinute = new Map<number, { requests: number; errors: number; hist: number[] }>();
  for (const r of period) {
    let m = byMinute.get(r.minute);
    if (!m) byMinute.set(r.minute, (m = { requests: 0, errors: 0, hist: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0) }));
    m.requests += r.count;
    if (r.statusClass === '5xx') m.errors += r.count;
    r.latencyHist.forEach((c, k) => {
      if (r.statusClass !== '5xx') hist[k] += c;
      m.hist[k] += c;
    });
  }
  return {
    targets,
    availability: { ...av, budgetRemaining: budget(av, targets.availability), burn: burns(availabilitySli, targets.availability) },
    latency: { ...lat, budgetRemaining: budget(lat, targets.latencyTarget), burn: burns((rs) => latencySli(rs, targets.latencyThresholdMs), targets.latencyTarget), p95Ms: latencyQuantile(hist, 0.95), p50Ms: latencyQuantile(hist, 0.5) },
    series: [...byMinute.entries()].sort((a, b) => a[0] - b[0]).map(([minute, m]) => ({ minute, requests: m.requests, errors: m.errors, p95Ms: latencyQuantile(m.hist, 0.95) })),
  };
}
