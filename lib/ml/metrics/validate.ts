/**
 * Input checks shared by the metrics. Conventions (also used by lib/ml/threshold):
 * - `TypeError`: an argument is not array-like, or a score/weight is NaN (a missing value, not a number).
 * - `RangeError`: lengths differ, input is empty, a label is not 0/1, a probability is outside [0, 1],
 *   a weight is negative or infinite, or the metric is undefined for the data (e.g. AUC with one class).
 */

function assertArrayLike(x: unknown, name: string, fn: string): asserts x is ArrayLike<number> {
  if (x === null || typeof x !== 'object' || typeof (x as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${fn}: ${name} must be an array or typed array of numbers`);
  }
}

/** Checks yTrue (0/1 labels) and yScore (no NaN) and returns their common length. */
export function checkBinaryInputs(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, fn: string): number {
  assertArrayLike(yTrue, 'yTrue', fn);
  assertArrayLike(yScore, 'yScore', fn);
  const n = yTrue.length;
  if (yScore.length !== n) {
    throw new RangeError(`${fn}: yTrue has ${n} values but yScore has ${yScore.length}`);
  }
  if (n === 0) throw new RangeError(`${fn}: empty input (yTrue and yScore have no values)`);
  checkLabels(yTrue, fn);
  checkScores(yScore, fn);
  return n;
}

/** Throws unless every label is exactly 0 or 1. */
export function checkLabels(yTrue: ArrayLike<number>, fn: string): void {
  for (let i = 0; i < yTrue.length; i++) {
    const v = yTrue[i];
    if (v !== 0 && v !== 1) {
      throw new RangeError(`${fn}: yTrue[${i}] = ${String(v)} is not a binary label (expected 0 or 1)`);
    }
  }
}

/** Throws on a NaN (or non-number) score. */
export function checkScores(yScore: ArrayLike<number>, fn: string, name = 'yScore'): void {
  for (let i = 0; i < yScore.length; i++) {
    const v = yScore[i];
    if (typeof v !== 'number' || Number.isNaN(v)) {
      throw new TypeError(`${fn}: ${name}[${i}] is ${String(v)}, expected a number (missing scores are not allowed)`);
    }
  }
}

/** Throws unless every score is a probability in [0, 1]. */
export function checkProbabilities(yProb: ArrayLike<number>, fn: string): void {
  for (let i = 0; i < yProb.length; i++) {
    const v = yProb[i];
    if (!(v >= 0 && v <= 1)) {
      throw new RangeError(`${fn}: yScore[${i}] = ${v} is not a probability in [0, 1]`);
    }
  }
}

/** Checks optional sample weights (finite, ≥ 0, positive sum, length n). */
export function checkWeights(w: ArrayLike<number> | undefined, n: number, fn: string): void {
  if (w === undefined) return;
  assertArrayLike(w, 'sampleWeight', fn);
  if (w.length !== n) throw new RangeError(`${fn}: sampleWeight has ${w.length} values, expected ${n}`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = w[i];
    if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${fn}: sampleWeight[${i}] is ${String(v)}`);
    if (!(v >= 0) || v === Infinity) {
      throw new RangeError(`${fn}: sampleWeight[${i}] = ${v} must be finite and ≥ 0`);
    }
    sum += v;
  }
  if (!(sum > 0)) throw new RangeError(`${fn}: sampleWeight sums to 0`);
}

/** Checks a decision threshold (any non-NaN number; ±Infinity allowed). */
export function checkThreshold(t: number, fn: string): void {
  if (typeof t !== 'number' || Number.isNaN(t)) throw new TypeError(`${fn}: threshold is ${String(t)}, expected a number`);
}

/** Weighted count of positives and negatives. */
export function classTotals(yTrue: ArrayLike<number>, w?: ArrayLike<number>): { pos: number; neg: number } {
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const wi = w === undefined ? 1 : w[i];
    if (yTrue[i] === 1) pos += wi;
    else neg += wi;
  }
  return { pos, neg };
}

/** Throws RangeError when a metric undefined for a single class is asked of single-class data. */
export function requireBothClasses(yTrue: ArrayLike<number>, w: ArrayLike<number> | undefined, fn: string): void {
  const { pos, neg } = classTotals(yTrue, w);
  if (pos === 0 || neg === 0) {
    throw new RangeError(
      `${fn}: undefined when yTrue holds only one class (got only ${pos === 0 ? '0' : '1'}s); needs both 0 and 1`,
    );
  }
}
