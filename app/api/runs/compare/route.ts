import { withRoute } from '@/lib/server/http/with-route';
import { compareRuns } from '@/lib/server/training/runs';

/** GET /api/runs/compare?ids=a,b,c — 2 to 5 runs side by side. */
export const GET = withRoute({ role: 'viewer', scope: 'read' }, async ({ req }) => {
  const ids = (new URL(req.url).searchParams.get('ids') ?? '').split(',').filter(Boolean);
  return { runs: await compareRuns(ids) };
});
