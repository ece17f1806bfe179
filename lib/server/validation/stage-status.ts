import type { StageStatus } from '@/lib/pipeline/stages';
import { db } from '@/lib/server/db/client';

/**
 * The Validate stage badge of a project's notebook, from its latest (non-archived) snapshot: `passed` when that
 * snapshot's latest run passed or was overridden, `failed` when it failed, `stale` when only older snapshots
 * were validated, `not_started` when nothing was validated.
 */
export async function validateStageStatus(projectId: string): Promise<StageStatus> {
  const latest = await db().snapshot.findFirst({ where: { projectId, archivedAt: null }, orderBy: { createdAt: 'desc' }, select: { id: true } });
  if (!latest) return 'not_started';
  const run = await db().validationRun.findFirst({ where: { snapshotId: latest.id }, orderBy: { createdAt: 'desc' }, select: { id: true, success: true } });
  if (!run) return (await db().validationRun.count({ where: { projectId } })) > 0 ? 'stale' : 'not_started';
  if (run.success) return 'passed';
  const overridden = await db().validationOverride.count({ where: { snapshotId: latest.id, validationRunId: run.id } });
  return overridden > 0 ? 'passed' : 'failed';
}
