/**
 * How a snapshot row becomes a customer: its key (what the batch scorer stores as `CustomerScore.customerId` and
 * the dashboards look customers up by) and its cell values as the prediction API reads them. One definition, so
 * the batch scores, the dashboards and the API always name the same customer the same way.
 */
import type { TableLike } from './table';

/** A table cell as a JSON scalar: NaN/undefined → null, bigint → number, Date → ISO text, other objects → text. */
export function cellValue(v: unknown): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

export interface CustomerKeyOptions {
  /**
   * The id column is known to hold no missing and no repeated value (an immutable snapshot's profile says so):
   * each key is its id as text, with no set of the keys seen (a million-entry set is most of the cost). Ids other
   * than text and finite numbers take the general path.
   */
  idsUnique?: boolean;
}

/**
 * Customer keys of rows [lo, hi) (default: all rows): the id column as text (null → `row-<i>`), else the row
 * number. Keys are unique over the whole table — a repeated id gets `~<row>` — so every shard of a batch derives
 * the same keys. `repeated`: how many keys in [lo, hi) got that suffix.
 */
export function customerKeys(table: TableLike, idField: string | null, lo = 0, hi = table.numRows(), opts: CustomerKeyOptions = {}): { keys: string[]; repeated: number } {
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && 0 <= lo && lo <= hi && hi <= table.numRows())) {
    throw new RangeError(`rows [${lo}, ${hi}) are not a range of the table's ${table.numRows()} rows`);
  }
  const n = hi - lo;
  const keys = new Array<string>(n);
  let repeated = 0;
  if (!idField || !table.columnNames().includes(idField)) {
    for (let i = 0; i < n; i++) keys[i] = String(lo + i);
    return { keys, repeated };
  }
  const col = table.array(idField);
  if (opts.idsUnique) {
    // Text and numbers only: distinct values are distinct keys (a bigint or a date might not be once converted).
    let i = lo;
    for (; i < hi; i++) {
      const v = col[i];
      if (typeof v === 'string') keys[i - lo] = v;
      else if (typeof v === 'number' && Number.isFinite(v)) keys[i - lo] = String(v);
      else break;
    }
    if (i === hi) return { keys, repeated };
  }
  const seen = new Set<string>();
  for (let i = 0; i < hi; i++) {
    const v = cellValue(col[i]);
    let k = v === null ? `row-${i}` : String(v);
    if (seen.has(k)) {
      k = `${k}~${i}`;
      if (i >= lo) repeated++;
    }
    seen.add(k);
    if (i >= lo) keys[i - lo] = k;
  }
  return { keys, repeated };
}
