import { withRoute } from '@/lib/server/http/with-route';
import { listDashboardCustomers } from '@/lib/server/dashboards/customers';
import { orNoScores, splitParams } from '@/lib/server/dashboards/http';

/** At-risk customers: `?sort=probability|value|revenue|customer&dir&segment&in&minProbability&decile&q&limit&offset`. */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const { options, rest } = splitParams(req.url);
  return orNoScores(await listDashboardCustomers(params.slug, options, rest));
});
