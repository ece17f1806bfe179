/** The chunk loop shared by the main thread and the workers of `ParallelGbdtPredictor`. */
import type { LeafTableTreeShap } from '../../ml/explain/tree-shap-leaf-tables';
import type { GbdtModel } from '../../ml/gbdt/predictor';

export interface RunMessage {
  type: 'run';
  job: number;
  /** Row-major rows (nRows × nFeatures) on a SharedArrayBuffer. */
  X: Float64Array;
  /** Probabilities (length ≥ nRows) on a SharedArrayBuffer. */
  out: Float64Array;
  nRows: number;
  /** counter[0]: next unclaimed row; every thread claims `chunk` rows at a time until none are left. */
  counter: Int32Array;
  chunk: number;
}

/**
 * Score chunks of the batch until none are left. Chunks are claimed dynamically, so a thread slowed down by
 * another process on its core simply takes fewer of them; each row is scored by the single-thread code, so the
 * result is bit-identical to `model.predictProbaBatch` whichever thread scores it.
 */
export function scoreChunks(model: GbdtModel, m: RunMessage): void {
  const nf = model.nFeatures;
  for (;;) {
    const start = Atomics.add(m.counter, 0, m.chunk);
    if (start >= m.nRows) return;
    const end = Math.min(m.nRows, start + m.chunk);
    model.predictProbaBatch(m.X.subarray(start * nf, end * nf), end - start, m.out.subarray(start, end));
  }
}

export interface ShapMessage {
  type: 'shap';
  job: number;
  /** Row-major rows (nRows × nFeatures) on a SharedArrayBuffer. */
  X: Float64Array;
  /** Which rows of X to explain, on a SharedArrayBuffer. */
  rows: Int32Array;
  /** SHAP values out: rows.length × nFeatures, row k for rows[k], on a SharedArrayBuffer. */
  phi: Float64Array;
  /** counter[0]: next unclaimed entry of `rows` */
  counter: Int32Array;
  chunk: number;
}

/** TreeSHAP of claimed chunks of `rows` until none are left (same dynamic claiming as `scoreChunks`). */
export function shapChunks(explainer: LeafTableTreeShap, nf: number, m: ShapMessage): void {
  const n = m.rows.length;
  for (;;) {
    const start = Atomics.add(m.counter, 0, m.chunk);
    if (start >= n) return;
    const end = Math.min(n, start + m.chunk);
    // one block walk per chunk: each tree once for all its rows
    explainer.shapRows(m.X, m.rows.subarray(start, end), m.phi.subarray(start * nf, end * nf));
  }
}
