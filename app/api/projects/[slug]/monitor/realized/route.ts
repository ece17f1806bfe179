import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { evaluateRealized, realizedPerformance } from '@/lib/server/monitoring/realized';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

const body = z.strictObject({ batchId: z.string().min(1), outcomeSnapshotId: z.string().min(1) });

/**
 * Realized performance of a score batch against outcomes in a later snapshot (ROC AUC, precision/recall at the
 * threshold, calibration); evaluates the `auc_drop` rules.
 */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json }) => {
  const input = await json(body);
  const projectId = await projectIdForSlug(params.slug);
  const r = await realizedPerformance(projectId, input.batchId, input.outcomeSnapshotId);
  return { ...r, alertsRaised: await evaluateRealized(projectId, r) };
});
