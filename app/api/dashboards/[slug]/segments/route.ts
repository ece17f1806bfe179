import { withRoute } from '@/lib/server/http/with-route';
import { orNoScores, splitParams } from '@/lib/server/dashboards/http';
import { getSegments } from '@/lib/server/dashboards/segments';

/** Churn risk and revenue at risk per segment of each detected segment column. */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => orNoScores(await getSegments(params.slug, splitParams(req.url).options)));
