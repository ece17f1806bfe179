import { binaryClfCurveUnchecked } from './binary-clf-curve';
import { checkBinaryInputs, checkWeights, requireBothClasses } from './validate';

/** ROC curve points, thresholds descending; thresholds[0] = +Infinity is the "predict nothing" point (0, 0). */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
}

export interface RocCurveOptions {
  sampleWeight?: ArrayLike<number>;
  /** Drop collinear points that do not change the curve's shape (sklearn's default); default true. */
  dropIntermediate?: boolean;
}

/**
 * sklearn `roc_curve` semantics (≥ 1.3: first threshold is +Infinity).
 * Throws RangeError when yTrue holds a single class (fpr or tpr would be 0/0).
 */
export function rocCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, options: RocCurveOptions = {}): RocCurve {
  const n = checkBinaryInputs(yTrue, yScore, 'rocCurve');
  checkWeights(options.sampleWeight, n, 'rocCurve');
  requireBothClasses(yTrue, options.sampleWeight, 'rocCurve');
  const { thresholds, tps, fps } = binaryClfCurveUnchecked(yTrue, yScore, options.sampleWeight);
  const m = thresholds.length;
  const keep = new Uint8Array(m).fill(1);
  if ((options.dropIntermediate ?? true) && m > 2) {
    // Keep point i only where the second difference is non-zero, i.e. the curve bends there.
    for (let i = 1; i < m - 1; i++) {
      const d2f = fps[i + 1] - 2 * fps[i] + fps[i - 1];
      const d2t = tps[i + 1] - 2 * tps[i] + tps[i - 1];
      keep[i] = d2f !== 0 || d2t !== 0 ? 1 : 0;
    }
  }
  let count = 1;
  for (let i = 0; i < m; i++) count += keep[i];
  const fpr = new Float64Array(count);
  const tpr = new Float64Array(count);
  const thr = new Float64Array(count);
  thr[0] = Infinity;
  const fTot = fps[m - 1];
  const tTot = tps[m - 1];
  let j = 1;
  for (let i = 0; i < m; i++) {
    if (!keep[i]) continue;
    fpr[j] = fps[i] / fTot;
    tpr[j] = tps[i] / tTot;
    thr[j] = thresholds[i];
    j++;
  }
  return { fpr, tpr, thresholds: thr };
}

/**
 * Area under the ROC curve: trapezoid over distinct thresholds, so tied scores count half (sklearn
 * `roc_auc_score`). Throws RangeError when yTrue holds a single class — AUC is undefined there, as in sklearn.
 */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, sampleWeight?: ArrayLike<number>): number {
  const n = checkBinaryInputs(yTrue, yScore, 'rocAuc');
  checkWeights(sampleWeight, n, 'rocAuc');
  requireBothClasses(yTrue, sampleWeight, 'rocAuc');
  return rocAucUnchecked(yTrue, yScore, sampleWeight);
}

/** Inner fast path: validated inputs with both classes present. */
export function rocAucUnchecked(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): number {
  const { tps, fps } = binaryClfCurveUnchecked(yTrue, yScore, sampleWeight);
  const m = tps.length;
  let area = 0;
  let pf = 0;
  let pt = 0;
  for (let i = 0; i < m; i++) {
    area += (fps[i] - pf) * (tps[i] + pt);
    pf = fps[i];
    pt = tps[i];
  }
  return area / (2 * fps[m - 1] * tps[m - 1]);
}
