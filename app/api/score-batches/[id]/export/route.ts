import { readFile } from 'node:fs/promises';
import { AppError } from '@/lib/server/errors';
import { withRoute } from '@/lib/server/http/with-route';
import { batchExport } from '@/lib/server/scoring/batches';

/** The batch as Parquet or CSV (`?format=`; the CSV is safe against spreadsheet formula injection). */
export const GET = withRoute<{ id: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const format = new URL(req.url).searchParams.get('format') ?? 'csv';
  if (format !== 'csv' && format !== 'parquet') throw new AppError('bad_request', `format: must be csv or parquet, got "${format.slice(0, 20)}"`);
  const x = await batchExport(params.id, format);
  const bytes = await readFile(x.file);
  return new Response(Buffer.from(bytes), {
    status: 200,
    headers: { 'content-type': x.contentType, 'content-disposition': `attachment; filename="${x.fileName}"`, 'content-length': String(bytes.byteLength), 'cache-control': 'private, max-age=31536000, immutable' },
  });
});
