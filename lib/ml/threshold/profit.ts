import { argsortDescending, binaryClfCurve } from '../metrics/binary-clf-curve';
import { downsampleIndices } from '../metrics/downsample';
import { checkProbabilities, checkScores } from '../metrics/validate';

/** Retention-campaign economics; money in any one currency unit. */
export interface ProfitParams {
  /** Cost of contacting one customer (offer + handling), ≥ 0. */
  costPerContact: number;
  /** Value kept when a would-be churner is retained, ≥ 0. */
  valueRetained: number;
  /** Probability that contacting a would-be churner retains them, in [0, 1]. */
  successRate: number;
}

/** Contacting every customer with score ≥ threshold. */
export interface ProfitPoint {
  threshold: number;
  contacted: number;
  contactedFraction: number;
  /** Churners among the contacted (labelled curve) or Σ p over them (expected-value curve). */
  positivesContacted: number;
  profit: number;
}

export interface ProfitResult {
  /** Best threshold; null when every threshold loses money, i.e. contacting nobody (profit 0) is best. */
  threshold: number | null;
  profit: number;
  contacted: number;
  /** Profit at distinct score thresholds, descending (≤ maxPoints points, always including the best). */
  curve: ProfitPoint[];
}

export interface ProfitOptions {
  maxPoints?: number;
}

function checkParams(p: ProfitParams, fn: string): void {
  if (p === null || typeof p !== 'object') throw new TypeError(`${fn}: params must be an object`);
  for (const k of ['costPerContact', 'valueRetained', 'successRate'] as const) {
    const v = p[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${fn}: params.${k} = ${String(v)} must be a finite number ≥ 0`);
    }
  }
  if (p.successRate > 1) throw new RangeError(`${fn}: params.successRate = ${p.successRate} must be ≤ 1`);
}

/** Shared tail: cumulative gains at each descending threshold → best + downsampled curve. */
function profitFromCumulative(
  thresholds: Float64Array,
  contacted: Float64Array,
  gain: Float64Array,
  n: number,
  p: ProfitParams,
  maxPoints: number,
): ProfitResult {
  const m = thresholds.length;
  const perPositive = p.successRate * p.valueRetained;
  const profit = new Float64Array(m);
  let best = -1;
  let bestProfit = 0; // the "contact nobody" baseline
  for (let i = 0; i < m; i++) {
    profit[i] = perPositive * gain[i] - p.costPerContact * contacted[i];
    if (profit[i] > bestProfit) {
      bestProfit = profit[i];
      best = i;
    }
  }
  const point = (i: number): ProfitPoint => ({
    threshold: thresholds[i],
    contacted: contacted[i],
    contactedFraction: contacted[i] / n,
    positivesContacted: gain[i],
    profit: profit[i],
  });
  const curve = downsampleIndices(m, maxPoints, best >= 0 ? [best] : []).map(point);
  return best < 0
    ? { threshold: null, profit: 0, contacted: 0, curve }
    : { threshold: thresholds[best], profit: bestProfit, contacted: contacted[best], curve };
}

/**
 * Realised profit on labelled data of contacting customers with score ≥ t:
 * Σ_contacted (successRate × valueRetained × y_i − costPerContact), at every distinct score t.
 * Ties in profit go to the highest threshold (fewest contacts).
 */
export function profitCurve(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  params: ProfitParams,
  options: ProfitOptions = {},
): ProfitResult {
  checkParams(params, 'profitCurve');
  const c = binaryClfCurve(yTrue, yScore);
  const contacted = new Float64Array(c.tps.length);
  for (let i = 0; i < contacted.length; i++) contacted[i] = c.tps[i] + c.fps[i];
  return profitFromCumulative(c.thresholds, contacted, c.tps, yTrue.length, params, options.maxPoints ?? 200);
}

/**
 * Expected profit for an unlabelled scoring batch, trusting the scores as calibrated probabilities:
 * Σ_contacted (p_i × successRate × valueRetained − costPerContact) at every distinct score t.
 */
export function expectedProfitCurve(
  yProb: ArrayLike<number>,
  params: ProfitParams,
  options: ProfitOptions = {},
): ProfitResult {
  checkParams(params, 'expectedProfitCurve');
  if (yProb === null || typeof yProb !== 'object' || typeof yProb.length !== 'number') {
    throw new TypeError('expectedProfitCurve: yScore must be an array or typed array of numbers');
  }
  const n = yProb.length;
  if (n === 0) throw new RangeError('expectedProfitCurve: empty input (yScore has no values)');
  checkScores(yProb, 'expectedProfitCurve');
  checkProbabilities(yProb, 'expectedProfitCurve');
  const order = argsortDescending(yProb);
  let m = 0;
  for (let k = 0; k < n; k++) if (k === n - 1 || yProb[order[k]] !== yProb[order[k + 1]]) m++;
  const thresholds = new Float64Array(m);
  const contacted = new Float64Array(m);
  const gain = new Float64Array(m);
  let sum = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    sum += yProb[order[k]];
    if (k === n - 1 || yProb[order[k]] !== yProb[order[k + 1]]) {
      thresholds[j] = yProb[order[k]];
      contacted[j] = k + 1;
      gain[j] = sum;
      j++;
    }
  }
  return profitFromCumulative(thresholds, contacted, gain, n, params, options.maxPoints ?? 200);
}
