import { checkBinaryInputs, checkProbabilities, checkWeights } from './validate';

/**
 * Binary cross-entropy in nats, (weighted) mean over rows; probabilities clipped to [eps, 1 − eps] so a
 * confident miss costs −ln(eps) ≈ 34.5 instead of Infinity. yScore must be probabilities in [0, 1].
 */
export function logLoss(
  yTrue: ArrayLike<number>,
  yProb: ArrayLike<number>,
  sampleWeight?: ArrayLike<number>,
  eps = 1e-15,
): number {
  const n = checkBinaryInputs(yTrue, yProb, 'logLoss');
  checkProbabilities(yProb, 'logLoss');
  checkWeights(sampleWeight, n, 'logLoss');
  if (!(eps > 0 && eps < 0.5)) throw new RangeError(`logLoss: eps = ${eps} must be in (0, 0.5)`);
  let sum = 0;
  let wSum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(yProb[i], eps), 1 - eps);
    const w = sampleWeight === undefined ? 1 : sampleWeight[i];
    sum -= w * (yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p));
    wSum += w;
  }
  return sum / wSum;
}
