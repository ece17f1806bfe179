/**
 * Stratified shuffle split with scikit-learn's algorithm (`StratifiedShuffleSplit._iter_indices`,
 * `_approximate_mode`) driven by a numpy-compatible MT19937, so
 * `stratifiedTrainTestSplit(y, 0.2, 42)` draws the same indices as
 * `train_test_split(idx, test_size=0.2, stratify=y, random_state=42)` for binary/integer labels.
 */
import { RandomState } from './rng';

export interface TrainTestIndices {
  /** Row indices of the training part, in sklearn's (shuffled) order. */
  train: Uint32Array;
  /** Row indices of the test part, in sklearn's (shuffled) order. */
  test: Uint32Array;
}

function approximateMode(classCounts: number[], nDraws: number, rs: RandomState): number[] {
  let total = 0;
  for (const c of classCounts) total += c;
  const continuous = classCounts.map((c) => (c / total) * nDraws);
  const floored = continuous.map((c) => Math.floor(c));
  let needToAdd = nDraws - floored.reduce((a, b) => a + b, 0);
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = Array.from(new Set(remainder)).sort((a, b) => b - a);
    for (const value of values) {
      const inds: number[] = [];
      remainder.forEach((r, i) => {
        if (r === value) inds.push(i);
      });
      const addNow = Math.min(inds.length, needToAdd);
      const perm = rs.permutation(inds.length);
      for (let k = 0; k < addNow; k++) floored[inds[perm[k]]] += 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}

/**
 * @param y integer class labels (any non-negative integers), length n
 * @param testSize fraction in (0, 1) (test count = ceil(testSize·n)) or an absolute count ≥ 1
 * @param seed numpy RandomState seed in [0, 2^32 - 1]
 * @throws RangeError when a class has fewer than 2 members or a part would be smaller than the number of classes
 */
export function stratifiedTrainTestSplit(y: ArrayLike<number>, testSize: number, seed: number): TrainTestIndices {
  const n = y.length;
  let nTest: number;
  if (testSize > 0 && testSize < 1) nTest = Math.ceil(testSize * n);
  else if (Number.isInteger(testSize) && testSize >= 1 && testSize < n) nTest = testSize;
  else throw new RangeError(`test size must be in (0, 1) or an integer in [1, ${n - 1}], got ${testSize}`);
  const nTrain = n - nTest;
  const classes = Array.from(new Set(Array.from(y))).sort((a, b) => a - b);
  const classIndex = new Map<number, number>();
  classes.forEach((c, i) => classIndex.set(c, i));
  const counts = new Array<number>(classes.length).fill(0);
  const members: number[][] = classes.map(() => []);
  for (let i = 0; i < n; i++) {
    const k = classIndex.get(y[i]) as number;
    counts[k]++;
    members[k].push(i);
  }
  if (Math.min(...counts) < 2) {
    throw new RangeError('stratified split: the least populated class in y has only 1 member');
  }
  if (nTrain < classes.length || nTest < classes.length) {
    throw new RangeError(`stratified split: train (${nTrain}) and test (${nTest}) sizes must be ≥ number of classes`);
  }
  const rs = new RandomState(seed);
  const nI = approximateMode(counts, nTrain, rs);
  const remaining = counts.map((c, i) => c - nI[i]);
  const tI = approximateMode(remaining, nTest, rs);
  const train = new Uint32Array(nTrain);
  const test = new Uint32Array(nTest);
  let a = 0;
  let b = 0;
  for (let k = 0; k < classes.length; k++) {
    const perm = rs.permutation(counts[k]);
    for (let j = 0; j < nI[k]; j++) train[a++] = members[k][perm[j]];
    for (let j = nI[k]; j < nI[k] + tI[k]; j++) test[b++] = members[k][perm[j]];
  }
  rs.shuffle(train);
  rs.shuffle(test);
  return { train, test };
}
