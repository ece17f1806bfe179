import { readFile } from 'node:fs/promises';
import { tableToParquet } from '@/lib/data/codecs/parquet';
import { sampleRows } from '@/lib/data/sample';
import { env } from '@/lib/server/env';
import { withRoute } from '@/lib/server/http/with-route';
import { getSnapshot, loadSnapshotTable, snapshotFile } from '@/lib/server/snapshots/snapshots';

/**
 * The snapshot as Parquet, for exploring in the browser. Above SNAPSHOT_BROWSER_MAX_ROWS rows a deterministic
 * sample is sent instead (header x-churnlab-sampled); `?rows=N` asks for a smaller sample.
 */
export const GET = withRoute<{ id: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const s = await getSnapshot(params.id);
  const requested = Number(new URL(req.url).searchParams.get('rows') ?? NaN);
  const limit = Math.min(env().SNAPSHOT_BROWSER_MAX_ROWS, Number.isInteger(requested) && requested > 0 ? requested : Infinity);
  const headers: Record<string, string> = {
    'content-type': 'application/vnd.apache.parquet',
    'cache-control': 'private, max-age=31536000, immutable',
    'x-churnlab-total-rows': String(s.rowCount),
    'content-disposition': `attachment; filename="${s.hash.slice(0, 12)}.parquet"`,
  };
  let bytes: Uint8Array;
  if (s.rowCount > limit) {
    const { data } = await loadSnapshotTable(s.id);
    bytes = tableToParquet(sampleRows(data.table, limit), data.types);
    headers['x-churnlab-sampled'] = String(limit);
  } else {
    bytes = await readFile(snapshotFile(s.hash));
  }
  headers['content-length'] = String(bytes.byteLength);
  return new Response(Buffer.from(bytes), { status: 200, headers });
});
