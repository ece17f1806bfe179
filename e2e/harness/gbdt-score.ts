/**
 * The scoring routine the GBDT parity spec runs in every runtime (Node test process, Chromium page, worker
 * thread): load the JSON artifact with `GbdtModel.fromJSON`, then score a batch, single rows and edge rows.
 * Bundled into the page and the worker as is, so all three run literally the same code.
 */
import { GbdtModel } from '@/lib/ml/gbdt';

/** What one runtime computes from the artifact; every array is Float64. */
export interface GbdtScores {
  /** Raw margins of the batch (`predictRawBatch`). */
  rawBatch: Float64Array;
  /** Raw margins of the first `nSingle` rows, one `predictRaw` call each. */
  rawSingle: Float64Array;
  /** Raw margins of the edge rows (on thresholds, ±Infinity, NaN, −0). */
  edgeRaw: Float64Array;
  /** P(class 1) of the batch (`predictProbaBatch`). */
  probaBatch: Float64Array;
  /** P(class 1) of the first `nSingle` rows, one `predictProba` call each. */
  probaSingle: Float64Array;
  /** `Math.exp(−|raw|)` per batch row: the one engine-library call inside `sigmoid`. */
  expTerm: Float64Array;
}

export interface GbdtScoreInput {
  /** `JSON.stringify(model.toJSON())`. */
  artifact: string;
  /** Row-major nRows × nFeatures. */
  X: Float64Array;
  nRows: number;
  edgeX: Float64Array;
  nEdge: number;
  /** How many leading rows to also score one at a time (≤ nRows). */
  nSingle: number;
}

/** Scores `input` with the artifact; throws what `GbdtModel.fromJSON` throws for a bad artifact. */
export function scoreGbdtArtifact(input: GbdtScoreInput): GbdtScores {
  const model = GbdtModel.fromJSON(JSON.parse(input.artifact));
  const { X, nRows, nSingle } = input;
  if (!(nSingle >= 0 && nSingle <= nRows)) throw new RangeError(`nSingle must be in [0, ${nRows}], got ${nSingle}`);
  const nf = model.nFeatures;
  const rawSingle = new Float64Array(nSingle);
  const probaSingle = new Float64Array(nSingle);
  for (let i = 0; i < nSingle; i++) {
    const row = X.slice(i * nf, (i + 1) * nf);
    rawSingle[i] = model.predictRaw(row);
    probaSingle[i] = model.predictProba(row);
  }
  const rawBatch = model.predictRawBatch(X, nRows);
  const expTerm = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) expTerm[i] = Math.exp(-Math.abs(rawBatch[i]));
  return {
    rawBatch,
    rawSingle,
    edgeRaw: model.predictRawBatch(input.edgeX, input.nEdge),
    probaBatch: model.predictProbaBatch(X, nRows),
    probaSingle,
    expTerm,
  };
}
