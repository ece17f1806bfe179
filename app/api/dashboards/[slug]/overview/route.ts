import { withRoute } from '@/lib/server/http/with-route';
import { orNoScores, splitParams } from '@/lib/server/dashboards/http';
import { getOverview } from '@/lib/server/dashboards/overview';

/** Overview of the project's latest score batch (`?horizon=` months, `?value=` monthly value column). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => orNoScores(await getOverview(params.slug, splitParams(req.url).options)));
