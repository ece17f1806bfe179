/**
 * "When churn outcomes arrive": a new snapshot with a target column queues a `realized` job, but only when the
 * project has succeeded scoring batches from before it (otherwise there is nothing to judge and no job is made).
 * Called by snapshot creation; never fails it (a queue error is logged).
 */
import { db } from '@/lib/server/db/client';
import { enqueueJob } from '@/lib/server/jobs/jobs';
import { realizedJobSpec } from './realized-spec';

/** The scoring batches an outcome snapshot created at `before` is judged against: succeeded, newest first. */
export function outcomeBatchesWhere(projectId: string, before: Date) {
  return { projectId, status: 'succeeded', createdAt: { lt: before } };
}

/** Queues the realized job for a new snapshot; returns the job id, or null when nothing was queued. */
export async function queueRealizedForSnapshot(s: { id: string; projectId: string; targetColumn: string | null; createdAt: Date; createdById?: string | null }): Promise<string | null> {
  try {
    if (!s.targetColumn) return null;
    const batches = await db().scoreBatch.count({ where: outcomeBatchesWhere(s.projectId, s.createdAt) });
    if (batches === 0) return null;
    const job = await enqueueJob(realizedJobSpec, { projectId: s.projectId, outcomeSnapshotId: s.id }, { projectId: s.projectId, createdById: s.createdById ?? null });
    return job.id;
  } catch (e) {
    console.error('[realized] could not queue realized performance for snapshot', s.id, (e as Error).message);
    return null;
  }
}
