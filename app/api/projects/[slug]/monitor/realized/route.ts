import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { evaluateRealized, listRealized, realizedPerformance } from '@/lib/server/monitoring/realized';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

const query = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).optional(), modelName: z.string().min(1).max(200).optional() });

/**
 * Stored realized performance, oldest batch first (`?limit=` ≤ 1000, `?modelName=`): the realized-AUC-over-time
 * chart. Rows are written when an outcome snapshot arrives (the `realized` job) or by the POST below.
 */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const q = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  return { realized: await listRealized(await projectIdForSlug(params.slug), q) };
});

const body = z.strictObject({ batchId: z.string().min(1), outcomeSnapshotId: z.string().min(1) });

/**
 * Realized performance of a score batch against outcomes in a later snapshot (ROC AUC, precision/recall at the
 * threshold, calibration), stored (upserted per batch × snapshot); evaluates the `auc_drop` rules.
 */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json }) => {
  const input = await json(body);
  const projectId = await projectIdForSlug(params.slug);
  const r = await realizedPerformance(projectId, input.batchId, input.outcomeSnapshotId);
  return { ...r, alertsRaised: await evaluateRealized(projectId, r) };
});
