import { tableFromColumns, type TableLike } from './table';

/**
 * A deterministic uniform sample of `n` rows (row order kept), or the table itself when it has no more rows.
 * Selection sampling (Knuth's Algorithm S) with a seeded 32-bit generator, so the same table and seed give the
 * same sample in the browser and on the server.
 */
export function sampleRows(table: TableLike, n: number, seed = 42): TableLike {
  const total = table.numRows();
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sample size must be a whole number ≥ 0, got ${n}`);
  if (n >= total) return table;
  let state = seed >>> 0 || 1;
  const rand = () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const picked = new Uint32Array(n);
  let chosen = 0;
  for (let i = 0; i < total && chosen < n; i++) {
    if ((total - i) * rand() < n - chosen) picked[chosen++] = i;
  }
  return selectRows(table, picked);
}

/**
 * Rows [lo, hi) of a table as a view: a column is sliced when first read (a typed array as a subarray of the same
 * memory, others copied), so columns nobody reads cost nothing.
 */
export function rowRange(table: TableLike, lo: number, hi: number): TableLike {
  const total = table.numRows();
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && lo <= hi && hi <= total)) throw new RangeError(`rows ${lo}…${hi} are not a range of the table's ${total} rows`);
  if (lo === 0 && hi === total) return table;
  const sliced = new Map<string, ArrayLike<unknown>>();
  return {
    numRows: () => hi - lo,
    columnNames: () => table.columnNames(),
    array(name: string) {
      let col = sliced.get(name);
      if (col === undefined) {
        const src = table.array(name);
        col = ArrayBuffer.isView(src) ? (src as unknown as Float64Array).subarray(lo, hi) : Array.prototype.slice.call(src, lo, hi);
        sliced.set(name, col);
      }
      return col;
    },
  };
}

/** The rows at `indices` (in that order), as a new table; numeric typed columns stay Float64Array. */
export function selectRows(table: TableLike, indices: ArrayLike<number>): TableLike {
  const n = indices.length;
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const name of table.columnNames()) {
    const src = table.array(name);
    const out: unknown[] | Float64Array = ArrayBuffer.isView(src) ? new Float64Array(n) : new Array<unknown>(n);
    for (let k = 0; k < n; k++) (out as unknown[])[k] = src[indices[k]];
    columns[name] = out;
  }
  return tableFromColumns(columns);
}
