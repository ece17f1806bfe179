/** Expected revenue at risk: Σ P(churn) × monthly value × horizon months. */

/** Reads a cell as a monthly value: finite numbers (or numeric text) count, anything else is missing. */
export function toValue(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const x = Number(v);
    return Number.isFinite(x) ? x : null;
  }
  return null;
}

export interface RevenueAtRisk {
  /** Σ p_i × value_i × horizonMonths over customers with a value */
  revenueAtRisk: number;
  /** Σ value_i × horizonMonths (the revenue of everyone, for the share) */
  revenueTotal: number;
  /** customers without a usable value (left out of both sums) */
  missingValues: number;
}

export function checkHorizon(horizonMonths: number): void {
  if (typeof horizonMonths !== 'number' || !Number.isFinite(horizonMonths) || horizonMonths <= 0 || horizonMonths > 120) {
    throw new RangeError(`horizonMonths must be a number in (0, 120], got ${String(horizonMonths)}`);
  }
}

/**
 * @param probability P(churn) per customer, in [0, 1]
 * @param value monthly value per customer (same order); null/NaN = missing
 * @param horizonMonths how many months of revenue a churner takes away
 */
export function revenueAtRisk(probability: ArrayLike<number>, value: ArrayLike<number | null>, horizonMonths: number): RevenueAtRisk {
  checkHorizon(horizonMonths);
  if (probability.length !== value.length) throw new RangeError(`probability has ${probability.length} values, value has ${value.length}`);
  let risk = 0;
  let total = 0;
  let missing = 0;
  for (let i = 0; i < probability.length; i++) {
    const p = probability[i];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probability[${i}] = ${p} is not in [0, 1]`);
    const v = value[i];
    if (v === null || !Number.isFinite(v)) {
      missing++;
      continue;
    }
    risk += p * v;
    total += v;
  }
  return { revenueAtRisk: risk * horizonMonths, revenueTotal: total * horizonMonths, missingValues: missing };
}

/** Counts of probabilities per bin of width 1/bins over [0, 1] (1.0 falls in the last bin). */
export function riskHistogram(probability: ArrayLike<number>, bins = 10): { lo: number; hi: number; count: number }[] {
  if (!Number.isInteger(bins) || bins < 1 || bins > 100) throw new RangeError(`bins must be an integer in [1, 100], got ${bins}`);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < probability.length; i++) counts[Math.min(bins - 1, Math.max(0, Math.floor(probability[i] * bins)))]++;
  return counts.map((count, b) => ({ lo: b / bins, hi: (b + 1) / bins, count }));
}
