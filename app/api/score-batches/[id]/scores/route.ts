import { withRoute } from '@/lib/server/http/with-route';
import { listScores } from '@/lib/server/scoring/batches';

/** Scores of a batch: `?order=risk|id&limit&offset&decile&label&customer`. */
export const GET = withRoute<{ id: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => listScores(params.id, Object.fromEntries(new URL(req.url).searchParams)));
