import { binaryClfCurveUnchecked } from './binary-clf-curve';
import { checkBinaryInputs, checkWeights, classTotals } from './validate';

/**
 * Precision–recall curve as sklearn `precision_recall_curve` (≥ 1.1, all thresholds kept): thresholds
 * ascending; precision and recall have thresholds.length + 1 entries, recall decreasing, ending at (1, 0).
 */
export interface PrCurve {
  precision: Float64Array;
  recall: Float64Array;
  thresholds: Float64Array;
}

function requirePositives(yTrue: ArrayLike<number>, w: ArrayLike<number> | undefined, fn: string): void {
  if (classTotals(yTrue, w).pos === 0) {
    throw new RangeError(`${fn}: undefined when yTrue has no positives (recall is 0/0)`);
  }
}

/** Throws RangeError when yTrue has no positives (sklearn warns and sets recall to 1; we refuse instead). */
export function precisionRecallCurve(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): PrCurve {
  const n = checkBinaryInputs(yTrue, yScore, 'precisionRecallCurve');
  checkWeights(sampleWeight, n, 'precisionRecallCurve');
  requirePositives(yTrue, sampleWeight, 'precisionRecallCurve');
  const { thresholds, tps, fps } = binaryClfCurveUnchecked(yTrue, yScore, sampleWeight);
  const m = thresholds.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thr = new Float64Array(m);
  const pos = tps[m - 1];
  for (let i = 0; i < m; i++) {
    const k = m - 1 - i; // reverse: lowest threshold first
    const predicted = tps[k] + fps[k];
    precision[i] = predicted === 0 ? 0 : tps[k] / predicted;
    recall[i] = tps[k] / pos;
    thr[i] = thresholds[k];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: thr };
}

/**
 * Average precision, sklearn `average_precision_score`: Σ (R_k − R_{k−1}) · P_k over distinct thresholds
 * (step-wise, no interpolation). Throws RangeError when yTrue has no positives; all-positive data gives 1.
 */
export function averagePrecision(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  const n = checkBinaryInputs(yTrue, yScore, 'averagePrecision');
  checkWeights(sampleWeight, n, 'averagePrecision');
  requirePositives(yTrue, sampleWeight, 'averagePrecision');
  return averagePrecisionUnchecked(yTrue, yScore, sampleWeight);
}

/** Inner fast path: validated inputs with at least one positive. */
export function averagePrecisionUnchecked(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  const { tps, fps } = binaryClfCurveUnchecked(yTrue, yScore, sampleWeight);
  const m = tps.length;
  const pos = tps[m - 1];
  let ap = 0;
  let prevTp = 0;
  for (let i = 0; i < m; i++) {
    const predicted = tps[i] + fps[i];
    const p = predicted === 0 ? 0 : tps[i] / predicted;
    ap += ((tps[i] - prevTp) / pos) * p;
    prevTp = tps[i];
  }
  return ap;
}
