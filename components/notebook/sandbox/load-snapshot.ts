import { parquetToTable } from '@/lib/data/codecs/parquet';
import type { TableData } from '@/lib/notebook/sandbox/protocol';

/** Rows a notebook loads from a snapshot by default: enough to explore, small enough to copy into the worker. */
export const DEFAULT_SNAPSHOT_SAMPLE_ROWS = 50_000;

/**
 * Downloads a snapshot (or the server's deterministic sample of at most `maxRows` rows) as Parquet and decodes it
 * into column arrays: numbers as Float64Array (NaN = missing), strings and booleans as arrays with nulls.
 * `rows` is what was loaded, `totalRows` the snapshot's full size. Throws with the server's message on failure.
 */
export async function loadSnapshotSample(snapshotId: string, maxRows = DEFAULT_SNAPSHOT_SAMPLE_ROWS): Promise<{ data: TableData; rows: number; totalRows: number }> {
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new RangeError(`maxRows must be a positive integer, got ${maxRows}`);
  const res = await fetch(`/api/snapshots/${encodeURIComponent(snapshotId)}/data?rows=${maxRows}`);
  if (!res.ok) {
    const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(json?.error?.message ?? `snapshot download failed (${res.status})`);
  }
  const decoded = await parquetToTable(new Uint8Array(await res.arrayBuffer()));
  const total = Number(res.headers.get('x-churnlab-total-rows'));
  return {
    data: { columns: decoded.table.columns as Record<string, unknown[]> },
    rows: decoded.rowCount,
    totalRows: Number.isFinite(total) && total >= decoded.rowCount ? total : decoded.rowCount,
  };
}
