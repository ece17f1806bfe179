import { withRoute } from '@/lib/server/http/with-route';
import { orNoScores, splitParams } from '@/lib/server/dashboards/http';
import { targetsCsv } from '@/lib/server/dashboards/targeting';

/** The whole target list as CSV, spreadsheet-safe (cells beginning with =, +, -, @ are neutralised). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const { options, rest } = splitParams(req.url);
  const x = orNoScores(await targetsCsv(params.slug, options, rest));
  return new Response(x.csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${x.fileName}"`, 'cache-control': 'no-store' },
  });
});
