/**
 * A shard's score rows: deciles, the columns in risk order on shared memory (read by the COPY and the export
 * thread at once), and the binary COPY into the batch's table.
 */
import { takeUtf8, type Utf8Column } from '@/lib/data/codecs/utf8-column';
import { copyBinary, type CopyOptions } from '@/lib/server/db/copy-binary';
import { sharedArray } from '@/lib/server/threads/shared-array';
import type { ScoreColumns } from './score-exports';
import { scoreTableName } from './score-tables';

/** ntile(10) of ranks 0..n-1 (PostgreSQL semantics: the first n mod 10 buckets are one larger). */
export function ntile10(rank: number, n: number): number {
  const size = Math.floor(n / 10);
  const big = n % 10;
  const edge = big * (size + 1);
  return rank < edge ? Math.floor(rank / (size + 1)) + 1 : big + Math.floor((rank - edge) / size) + 1;
}

/**
 * A shard's scores in export order, highest risk first (the reverse of `order`), on SharedArrayBuffers: the COPY
 * reads them here while the export thread reads the same memory. Deciles are 0 until the batch is finalized when
 * `decile` is null (a shard of several). The reasons are added when known.
 */
export function scoreColumns(order: ArrayLike<number>, keys: Utf8Column, prob: Float64Array, decile: Int32Array | null, threshold: number): Omit<ScoreColumns, 'reasons'> {
  const n = keys.length;
  const rows = new Int32Array(n);
  const probability = sharedArray(Float64Array, n);
  const dec = sharedArray(Int32Array, n);
  const label = sharedArray(Int32Array, n);
  for (let k = 0; k < n; k++) {
    const i = order[n - 1 - k];
    rows[k] = i;
    probability[k] = prob[i];
    if (decile) dec[k] = decile[i];
    label[k] = prob[i] >= threshold ? 1 : 0;
  }
  // the keys' bytes (in row order) put in risk order
  return { customerId: takeUtf8(keys, rows, { shared: true }), probability, decile: dec, label };
}

/**
 * A shard's rows to its batch's table, lowest probability first (the reverse of the columns' order): the table's
 * probability index is then built from presorted rows. `reasons` (JSON text by export row) is read as the rows
 * are sent, so its explained rows (the last ones sent) may be filled in while the COPY holds at `opts.pause`.
 */
export async function insertScores(batchId: string, shard: number, c: Omit<ScoreColumns, 'reasons'>, reasons: (string | null)[], opts: CopyOptions): Promise<number> {
  const n = c.probability.length;
  const ascending = new Int32Array(n);
  for (let r = 0; r < n; r++) ascending[r] = n - 1 - r;
  return copyBinary(
    scoreTableName(batchId),
    [
      { name: 'batchId', type: 'text', constant: batchId },
      { name: 'customerId', type: 'text', utf8: c.customerId },
      { name: 'probability', type: 'float8', data: c.probability },
      { name: 'decile', type: 'int4', data: c.decile },
      { name: 'label', type: 'int4', data: c.label },
      { name: 'reasons', type: 'jsonb', value: (i) => reasons[i] },
      { name: 'shard', type: 'int4', constant: shard },
    ],
    n,
    { ...opts, order: ascending },
  );
}
