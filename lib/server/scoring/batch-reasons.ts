/**
 * The top reasons of a batch's riskiest customers, as JSON text by risk rank (0 = riskiest; null past the
 * explained): the COPY and the exports both write that text. With worker threads, TreeSHAP runs there, in parts,
 * while the caller writes the other rows; without them, each customer is scored and explained here.
 */
import { cellValue } from '@/lib/data/customer-keys';
import type { TableLike } from '@/lib/data/table';
import type { ParallelGbdtPredictor } from '@/lib/server/ml/parallel-predict';
import type { ServedModel } from '@/lib/server/serving/load-version';

/** The explained rows go to the threads in up to this many parts of at least EXPLAIN_PART_MIN rows. */
const EXPLAIN_PARTS = 8;
const EXPLAIN_PART_MIN = 1024;

export interface RiskiestReasons {
  /** by risk rank; filled in when `explained` resolves */
  reasons: (string | null)[];
  /** resolves when every explained rank has its text (at once without threads); its failure is the caller's */
  explained: Promise<void>;
}

/**
 * Explains the `explainCount` riskiest rows of a shard: `order` sorts its rows by risk ascending, `table` holds
 * the rows in the source schema and `X` their model matrix (shared memory when `par` is given).
 */
export function explainRiskiest(
  served: ServedModel,
  table: TableLike,
  X: Float64Array,
  order: Uint32Array,
  explainCount: number,
  par: ParallelGbdtPredictor | null,
  signal?: AbortSignal,
): RiskiestReasons {
  const n = order.length;
  const reasons = new Array<string | null>(n).fill(null);
  let explained: Promise<void> = Promise.resolve();
  if (explainCount <= 0) return { reasons, explained };
  const inputs = served.inputSchema.filter((f) => f.use === 'input').map((f) => [f.name, table.array(f.name)] as const);
  const record = (i: number) => {
    const rec: Record<string, unknown> = {};
    for (const [name, col] of inputs) rec[name] = cellValue(col[i]);
    return rec;
  };
  if (par) {
    // TreeSHAP of the model-matrix rows on the worker threads; the mapping to input fields stays here.
    const rows = Int32Array.from({ length: explainCount }, (_, k) => order[n - 1 - k]);
    const nf = served.scorer.gbdtModel!.nFeatures;
    const threads = par;
    const matrix = X;
    // In parts: this thread turns a part's values into reasons while the workers explain the next one, so
    // only the last part's are left to map once the workers are done.
    const parts = Math.min(EXPLAIN_PARTS, Math.ceil(explainCount / EXPLAIN_PART_MIN));
    const at = (k: number) => Math.floor((k * explainCount) / parts);
    const part = (k: number) => threads.shapRows(matrix, n, rows.subarray(at(k), at(k + 1)), { callerHelps: false });
    explained = (async () => {
      let next = part(0);
      for (let k = 0; k < parts; k++) {
        const phi = await next;
        if (k + 1 < parts) {
          next = part(k + 1);
          next.catch(() => {});
        }
        for (let j = at(k); j < at(k + 1); j++) {
          const o = (j - at(k)) * nf;
          reasons[j] = JSON.stringify(served.scorer.reasonsFromShap(phi.subarray(o, o + nf), record(rows[j])));
        }
      }
    })();
    // awaited (and its failure reported) where the caller's COPY reaches the explained rows
    explained.catch(() => {});
  } else {
    for (let k = 0; k < explainCount; k++) {
      const i = order[n - 1 - k];
      reasons[k] = JSON.stringify(served.scorer.score(record(i), true).reasons);
      if ((k & 1023) === 0) signal?.throwIfAborted();
    }
  }
  return { reasons, explained };
}
