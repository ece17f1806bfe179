import { checkBinaryInputs, checkThreshold, checkWeights } from './validate';

/** Counts (weighted sums when weights are given) at a threshold; a row is predicted 1 when score ≥ threshold. */
export interface ConfusionMatrix {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}

/** Hard predictions work too: pass 0/1 predictions as yScore with the default threshold 0.5. */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  threshold = 0.5,
  sampleWeight?: ArrayLike<number>,
): ConfusionMatrix {
  const n = checkBinaryInputs(yTrue, yScore, 'confusionMatrix');
  checkThreshold(threshold, 'confusionMatrix');
  checkWeights(sampleWeight, n, 'confusionMatrix');
  const cm = { tn: 0, fp: 0, fn: 0, tp: 0 };
  for (let i = 0; i < n; i++) {
    const w = sampleWeight === undefined ? 1 : sampleWeight[i];
    const pred = yScore[i] >= threshold;
    if (yTrue[i] === 1) {
      if (pred) cm.tp += w;
      else cm.fn += w;
    } else if (pred) cm.fp += w;
    else cm.tn += w;
  }
  return cm;
}
