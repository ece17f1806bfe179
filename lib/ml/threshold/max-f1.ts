import { binaryClfCurve } from '../metrics/binary-clf-curve';
import { downsampleIndices } from '../metrics/downsample';
import { requireBothClasses } from '../metrics/validate';

export interface F1Point {
  threshold: number;
  f1: number;
  precision: number;
  recall: number;
}

export interface MaxF1Result extends F1Point {
  /** F1 at every distinct score (≤ maxPoints, always including the best), thresholds descending. */
  curve: F1Point[];
}

/**
 * The threshold t (one of the distinct scores; predict 1 when score ≥ t) maximising F1 on labelled data.
 * Ties go to the highest threshold (fewest predicted positives). Throws RangeError on single-class yTrue.
 */
export function maxF1Threshold(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  options: { maxPoints?: number } = {},
): MaxF1Result {
  const c = binaryClfCurve(yTrue, yScore);
  requireBothClasses(yTrue, undefined, 'maxF1Threshold');
  const m = c.thresholds.length;
  const pos = c.tps[m - 1];
  const f1 = new Float64Array(m);
  let best = 0;
  for (let i = 0; i < m; i++) {
    const tp = c.tps[i];
    f1[i] = (2 * tp) / (tp + c.fps[i] + pos); // 2tp / (2tp + fp + fn), fn = pos − tp
    if (f1[i] > f1[best]) best = i;
  }
  const point = (i: number): F1Point => ({
    threshold: c.thresholds[i],
    f1: f1[i],
    precision: c.tps[i] / (c.tps[i] + c.fps[i]),
    recall: c.tps[i] / pos,
  });
  const curve = downsampleIndices(m, options.maxPoints ?? 200, [best]).map(point);
  return { ...point(best), curve };
}
