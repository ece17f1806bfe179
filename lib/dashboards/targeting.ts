/**
 * Retention targeting by expected profit: contacting customer i costs `costPerContact` and, when they would have
 * churned (probability p_i), retains them with `successRate`, keeping `valueRetained`. Expected profit of
 * contacting i = p_i × successRate × valueRetained − costPerContact; contacting everyone at or above a threshold
 * sums that. The best threshold maximises the sum (contacting nobody = 0 when every threshold loses money).
 */
import { expectedProfitCurve, type ProfitParams, type ProfitPoint } from '@/lib/ml/threshold';

export type { ProfitParams };

export interface TargetCandidate {
  customerId: string;
  probability: number;
  /** monthly value (shown in the list; not part of the profit) */
  value: number | null;
}

export interface Target extends TargetCandidate {
  /** p × successRate × valueRetained − costPerContact */
  expectedProfit: number;
}

export interface TargetingResult {
  params: ProfitParams;
  /** best threshold (contact everyone with p ≥ it), null = contact nobody */
  threshold: number | null;
  expectedProfit: number;
  contacted: number;
  customers: number;
  curve: ProfitPoint[];
  /** highest probability first */
  targets: Target[];
}

export function expectedProfitOf(probability: number, p: ProfitParams): number {
  return probability * p.successRate * p.valueRetained - p.costPerContact;
}

/** The profit curve over the threshold, the best threshold and its target list (highest risk first). */
export function planTargets(candidates: readonly TargetCandidate[], params: ProfitParams, maxPoints = 200): TargetingResult {
  if (candidates.length === 0) throw new RangeError('planTargets: no customers to target');
  const probs = Float64Array.from(candidates, (c) => c.probability);
  const r = expectedProfitCurve(probs, params, { maxPoints });
  const t = r.threshold;
  const targets: Target[] =
    t === null
      ? []
      : candidates
          .filter((c) => c.probability >= t)
          .map((c) => ({ ...c, expectedProfit: expectedProfitOf(c.probability, params) }))
          .sort((a, b) => b.probability - a.probability || (a.customerId < b.customerId ? -1 : 1));
  return { params, threshold: t, expectedProfit: r.profit, contacted: r.contacted, customers: candidates.length, curve: r.curve, targets };
}

/** Rows of the targets CSV (header first); cells still go through csv-safe `toCsv`. */
export const TARGET_CSV_HEADER = ['customer_id', 'probability', 'monthly_value', 'expected_profit'] as const;

export function targetCsvRows(targets: readonly Target[]): (string | number | null)[][] {
  return targets.map((t) => [t.customerId, t.probability, t.value, t.expectedProfit]);
}
