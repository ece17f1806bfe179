import { checkBinaryInputs, checkProbabilities } from './validate';

/** One non-empty calibration bin: predictions with binLower < p ≤ binUpper (the first bin also takes p = binLower). */
export interface CalibrationBin {
  binLower: number;
  binUpper: number;
  /** Mean predicted probability in the bin (sklearn `prob_pred`). */
  meanPredicted: number;
  /** Fraction of positives in the bin (sklearn `prob_true`). */
  fractionPositive: number;
  count: number;
}

export interface CalibrationOptions {
  /** Number of bins; default 10. */
  nBins?: number;
  /** 'uniform': equal-width bins on [0, 1]; 'quantile': equal-count bins from score percentiles. Default 'uniform'. */
  strategy?: 'uniform' | 'quantile';
}

/** numpy `percentile` with linear interpolation on sorted values. */
function percentileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = pos - lo;
  return sorted[lo] + (sorted[hi] - sorted[lo]) * t;
}

/** Bin edges, length nBins + 1. */
export function calibrationBinEdges(yProb: ArrayLike<number>, nBins: number, strategy: 'uniform' | 'quantile'): Float64Array {
  const edges = new Float64Array(nBins + 1);
  // numpy linspace computes i * step, which is why 0.30000000000000004 and not 0.3 is an edge.
  const step = 1 / nBins;
  if (strategy === 'uniform') {
    for (let i = 0; i < nBins; i++) edges[i] = i * step;
    edges[nBins] = 1;
  } else {
    const sorted = Float64Array.from(yProb).sort();
    for (let i = 0; i < nBins; i++) edges[i] = percentileSorted(sorted, i * step);
    edges[nBins] = sorted[sorted.length - 1];
  }
  return edges;
}

/**
 * Reliability diagram data, sklearn `calibration_curve` semantics (bin of p = number of inner edges < p,
 * empty bins dropped). yScore must be probabilities in [0, 1]. Bins are returned in ascending order.
 */
export function calibrationCurve(
  yTrue: ArrayLike<number>,
  yProb: ArrayLike<number>,
  options: CalibrationOptions = {},
): CalibrationBin[] {
  const n = checkBinaryInputs(yTrue, yProb, 'calibrationCurve');
  checkProbabilities(yProb, 'calibrationCurve');
  const nBins = options.nBins ?? 10;
  const strategy = options.strategy ?? 'uniform';
  if (!Number.isInteger(nBins) || nBins < 1) throw new RangeError(`calibrationCurve: nBins = ${nBins} must be an integer ≥ 1`);
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new RangeError(`calibrationCurve: strategy "${String(strategy)}" must be "uniform" or "quantile"`);
  }
  const edges = calibrationBinEdges(yProb, nBins, strategy);
  const sumP = new Float64Array(nBins);
  const sumY = new Float64Array(nBins);
  const count = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    const p = yProb[i];
    // Binary search over inner edges edges[1..nBins-1]: count of inner edges strictly below p.
    let lo = 1;
    let hi = nBins;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    const b = lo - 1;
    sumP[b] += p;
    sumY[b] += yTrue[i];
    count[b] += 1;
  }
  const bins: CalibrationBin[] = [];
  for (let b = 0; b < nBins; b++) {
    if (count[b] === 0) continue;
    bins.push({
      binLower: edges[b],
      binUpper: edges[b + 1],
      meanPredicted: sumP[b] / count[b],
      fractionPositive: sumY[b] / count[b],
      count: count[b],
    });
  }
  return bins;
}
