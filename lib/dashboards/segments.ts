/** Churn risk and revenue at risk per segment of one dimension. */
import { checkHorizon } from './revenue';

export interface SegmentStat {
  segment: string;
  customers: number;
  meanProbability: number;
  /** customers with probability ≥ the high-risk threshold */
  highRisk: number;
  highRiskShare: number;
  /** Σ p × value × horizon over the segment's customers with a value */
  revenueAtRisk: number;
}

/**
 * @param segment segment label per customer
 * @param probability P(churn) per customer
 * @param value monthly value per customer (null = missing, counts as 0 revenue)
 * @param highRiskThreshold probability at or above which a customer is "high risk" (the model's threshold)
 * @returns one row per segment, in first-seen order unless `order` is given
 */
export function aggregateSegments(
  segment: readonly string[],
  probability: ArrayLike<number>,
  value: ArrayLike<number | null> | null,
  highRiskThreshold: number,
  horizonMonths: number,
  order?: (a: string, b: string) => number,
): SegmentStat[] {
  checkHorizon(horizonMonths);
  if (segment.length !== probability.length || (value && value.length !== probability.length)) {
    throw new RangeError(`segment, probability and value must have the same length (${segment.length}, ${probability.length}, ${value?.length ?? '-'})`);
  }
  const acc = new Map<string, { n: number; sumP: number; high: number; rev: number }>();
  for (let i = 0; i < segment.length; i++) {
    const key = segment[i];
    let a = acc.get(key);
    if (!a) acc.set(key, (a = { n: 0, sumP: 0, high: 0, rev: 0 }));
    const p = probability[i];
    a.n++;
    a.sumP += p;
    if (p >= highRiskThreshold) a.high++;
    const v = value ? value[i] : null;
    if (v !== null && Number.isFinite(v)) a.rev += p * v;
  }
  const rows = [...acc].map(([s, a]) => ({
    segment: s,
    customers: a.n,
    meanProbability: a.sumP / a.n,
    highRisk: a.high,
    highRiskShare: a.high / a.n,
    revenueAtRisk: a.rev * horizonMonths,
  }));
  return order ? rows.sort((x, y) => order(x.segment, y.segment)) : rows;
}
