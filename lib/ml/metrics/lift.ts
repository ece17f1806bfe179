import { argsortDescending } from './binary-clf-curve';
import { checkBinaryInputs, classTotals } from './validate';

/** One score bin (1 = highest scores) of a lift/gains table. */
export interface LiftRow {
  bin: number;
  count: number;
  positives: number;
  /** positives / count. */
  rate: number;
  /** rate / overall positive rate. */
  lift: number;
  cumulativeCount: number;
  cumulativePositives: number;
  /** Share of all positives captured in bins 1..bin (cumulative gains). */
  cumulativeGain: number;
  /** Cumulative positive rate / overall positive rate. */
  cumulativeLift: number;
  minScore: number;
  maxScore: number;
}

/**
 * Lift and cumulative-gains table by score bins (deciles by default). Rows are ranked by score descending,
 * ties by input order, and bin k takes ranks [⌊k·n/B⌋, ⌊(k+1)·n/B⌋) — so tied scores on a boundary are split
 * by rank, as pandas `qcut(rank(method="first"))`. B = min(nBins, n). Throws RangeError without positives.
 */
export function liftTable(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, nBins = 10): LiftRow[] {
  const n = checkBinaryInputs(yTrue, yScore, 'liftTable');
  if (!Number.isInteger(nBins) || nBins < 1) throw new RangeError(`liftTable: nBins = ${nBins} must be an integer ≥ 1`);
  const totalPos = classTotals(yTrue).pos;
  if (totalPos === 0) throw new RangeError('liftTable: undefined when yTrue has no positives (lift is 0/0)');
  const bins = Math.min(nBins, n);
  const order = argsortDescending(yScore);
  const baseRate = totalPos / n;
  const rows: LiftRow[] = [];
  let cumCount = 0;
  let cumPos = 0;
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * n) / bins);
    const stop = Math.floor(((b + 1) * n) / bins);
    let pos = 0;
    for (let k = start; k < stop; k++) pos += yTrue[order[k]];
    const count = stop - start;
    cumCount += count;
    cumPos += pos;
    const rate = pos / count;
    rows.push({
      bin: b + 1,
      count,
      positives: pos,
      rate,
      lift: rate / baseRate,
      cumulativeCount: cumCount,
      cumulativePositives: cumPos,
      cumulativeGain: cumPos / totalPos,
      cumulativeLift: cumPos / cumCount / baseRate,
      minScore: yScore[order[stop - 1]],
      maxScore: yScore[order[start]],
    });
  }
  return rows;
}
