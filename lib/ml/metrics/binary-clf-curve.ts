import { checkBinaryInputs, checkWeights } from './validate';

/**
 * True/false positive counts at each distinct score threshold, thresholds descending — sklearn's
 * `_binary_clf_curve`. Element i counts rows with score ≥ thresholds[i] (weighted when weights are given).
 */
export interface BinaryClfCurve {
  thresholds: Float64Array;
  tps: Float64Array;
  fps: Float64Array;
}

/** Row indices ordered by score descending, ties by index (deterministic). */
export function argsortDescending(yScore: ArrayLike<number>): Uint32Array {
  const n = yScore.length;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => {
    const sa = yScore[a];
    const sb = yScore[b];
    return sb > sa ? 1 : sb < sa ? -1 : a - b;
  });
  return idx;
}

/** Validates and computes the curve. */
export function binaryClfCurve(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): BinaryClfCurve {
  const n = checkBinaryInputs(yTrue, yScore, 'binaryClfCurve');
  checkWeights(sampleWeight, n, 'binaryClfCurve');
  return binaryClfCurveUnchecked(yTrue, yScore, sampleWeight);
}

/** Inner fast path: inputs already validated. */
export function binaryClfCurveUnchecked(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
): BinaryClfCurve {
  const n = yTrue.length;
  const order = argsortDescending(yScore);
  let distinct = 0;
  for (let k = 0; k < n; k++) {
    if (k === n - 1 || yScore[order[k]] !== yScore[order[k + 1]]) distinct++;
  }
  const thresholds = new Float64Array(distinct);
  const tps = new Float64Array(distinct);
  const fps = new Float64Array(distinct);
  let tp = 0;
  let fp = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const w = sampleWeight === undefined ? 1 : sampleWeight[i];
    if (yTrue[i] === 1) tp += w;
    else fp += w;
    if (k === n - 1 || yScore[i] !== yScore[order[k + 1]]) {
      thresholds[j] = yScore[i];
      tps[j] = tp;
      fps[j] = fp;
      j++;
    }
  }
  return { thresholds, tps, fps };
}
