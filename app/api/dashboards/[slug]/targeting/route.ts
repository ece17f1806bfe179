import { withRoute } from '@/lib/server/http/with-route';
import { orNoScores, splitParams } from '@/lib/server/dashboards/http';
import { getTargeting } from '@/lib/server/dashboards/targeting';

/** Retention targeting: `?cost&retained&success` → profit curve, best threshold, targets (first 50). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const { options, rest } = splitParams(req.url);
  return orNoScores(await getTargeting(params.slug, options, rest));
});
