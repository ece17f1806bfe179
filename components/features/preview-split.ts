/** The seeded train/test split of the live preview (pure; no DOM). */
import type { TableLike } from '@/lib/data/table';
import { mulberry32 } from '@/lib/features/seed-synthetic';

/** Row subset of a table, as a TableLike over gathered copies (typed arrays stay typed). */
export function takeRows(table: TableLike, idx: Int32Array): TableLike {
  const cache = new Map<string, ArrayLike<unknown>>();
  const names = table.columnNames();
  return {
    numRows: () => idx.length,
    columnNames: () => names.slice(),
    array(name) {
      let out = cache.get(name);
      if (out === undefined) {
        const src = table.array(name);
        if (src instanceof Float64Array) {
          const a = new Float64Array(idx.length);
          for (let i = 0; i < idx.length; i++) a[i] = src[idx[i]];
          out = a;
        } else {
          const a = new Array<unknown>(idx.length);
          for (let i = 0; i < idx.length; i++) a[i] = src[idx[i]];
          out = a;
        }
        cache.set(name, out);
      }
      return out;
    },
  };
}

/**
 * A deterministic shuffle (mulberry32 `seed`, Fisher–Yates) split into train (the first `trainShare` of the
 * rows, rounded down) and test (the rest). Test rows keep their shuffled order.
 */
export function seededSplit(table: TableLike, trainShare = 0.8, seed = 42): { train: TableLike; test: TableLike } {
  const n = table.numRows();
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const rnd = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const k = Math.floor(n * trainShare);
  return { train: takeRows(table, perm.subarray(0, k)), test: takeRows(table, perm.subarray(k)) };
}
