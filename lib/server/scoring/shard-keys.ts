/** The customer keys of a batch shard, and the checks on them that the ranking relies on. */
import { compareUtf8, takeUtf8, utf8Values, type Utf8Column } from '@/lib/data/codecs/utf8-column';
import { customerKeys } from '@/lib/data/customer-keys';
import type { TableProfile } from '@/lib/data/profile/profile-types';
import { tableFromColumns, type TableLike } from '@/lib/data/table';

/** Whether key i < key i + 1 for every i (as the tie-break compares them). */
function keysAscend(keys: string[] | Utf8Column): boolean {
  if (Array.isArray(keys)) {
    for (let i = 1; i < keys.length; i++) if (!(keys[i - 1] < keys[i])) return false;
    return true;
  }
  for (let i = 1; i < keys.length; i++) if (compareUtf8(keys, i - 1, i) >= 0) return false;
  return true;
}

/**
 * Customer keys of rows [lo, hi) (customerKeys). Ids read as UTF-8 bytes that the snapshot's profile shows present
 * and unique are the keys as they are (no string per customer); otherwise keys are built from the ids as text.
 */
export function shardKeys(data: { table: TableLike; utf8: Record<string, Utf8Column> }, idField: string | null, lo: number, hi: number, unique: boolean): { keys: string[] | Utf8Column; repeated: number } {
  const bytes = idField ? data.utf8[idField] : undefined;
  if (!bytes) return customerKeys(data.table, idField, lo, hi, { idsUnique: unique });
  if (unique && bytes.valid === null) return { keys: lo === 0 && hi === bytes.length ? bytes : takeUtf8(bytes, Int32Array.from({ length: hi - lo }, (_, k) => lo + k)), repeated: 0 };
  return customerKeys(tableFromColumns({ [idField!]: utf8Values(bytes) }), idField, lo, hi, { idsUnique: unique });
}

/** The snapshot's profile says its id column holds every row's id, each once. */
export function idsUnique(profile: TableProfile | null, idField: string | null, rows: number): boolean {
  const c = idField ? profile?.columns.find((x) => x.name === idField) : undefined;
  return c !== undefined && c.count === rows && c.missing === 0 && c.distinct === rows;
}

/**
 * The tie-break of the risk order: rows i, j compared by customer key (as JS compares strings, or byte by byte for
 * keys kept as bytes: the same for ASCII ids). When the keys ascend with the rows (ids stored in order), that is
 * the row order, without a key comparison per tie.
 */
export function tieBreak(keys: string[] | Utf8Column): (a: number, b: number) => number {
  if (keysAscend(keys)) return (a, b) => a - b;
  if (Array.isArray(keys)) return (a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0);
  return (a, b) => compareUtf8(keys, a, b);
}
