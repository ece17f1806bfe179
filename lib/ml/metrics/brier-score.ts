import { checkBinaryInputs, checkProbabilities, checkWeights } from './validate';

/** Brier score: (weighted) mean of (p − y)²; 0 is perfect, 0.25 is a constant 0.5. yScore in [0, 1]. */
export function brierScore(yTrue: ArrayLike<number>, yProb: ArrayLike<number>, sampleWeight?: ArrayLike<number>): number {
  const n = checkBinaryInputs(yTrue, yProb, 'brierScore');
  checkProbabilities(yProb, 'brierScore');
  checkWeights(sampleWeight, n, 'brierScore');
  let sum = 0;
  let wSum = 0;
  for (let i = 0; i < n; i++) {
    const d = yProb[i] - yTrue[i];
    const w = sampleWeight === undefined ? 1 : sampleWeight[i];
    sum += w * d * d;
    wSum += w;
  }
  return sum / wSum;
}
