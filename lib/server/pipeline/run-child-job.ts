/**
 * Runs a job as a step of another (the pipeline's ingest and training): queued like any job, so the child has
 * its own Job row with progress and result, then run here, in this process, under the parent's worker id (the
 * parent's heartbeat covers it, so lease recovery leaves it alone). If a worker claimed the child first, waits
 * for it. Cancelling the parent cancels the child.
 */
import type { JobDefinition } from '@/lib/server/jobs/define-job';
import { db } from '@/lib/server/db/client';
import { cancelJob, enqueueJob, runJob } from '@/lib/server/jobs/jobs';

const POLL_MS = 1000;

export interface ChildJobOptions {
  projectId: string;
  createdById: string | null;
  /** the parent job's worker (its heartbeat covers the child) */
  workerId: string;
  signal: AbortSignal;
  log?: (m: string) => void;
  /** called once the child's Job row exists */
  onQueued?: (jobId: string) => Promise<void> | void;
}

export async function runChildJob<P, R>(def: JobDefinition<P, R>, payload: unknown, opts: ChildJobOptions): Promise<{ jobId: string; result: R }> {
  opts.signal.throwIfAborted();
  const job = await enqueueJob(def, payload, { projectId: opts.projectId, createdById: opts.createdById });
  await opts.onQueued?.(job.id);
  const onAbort = () => void cancelJob(job.id).catch(() => {});
  opts.signal.addEventListener('abort', onAbort);
  try {
    const result = await runJob(def, job.id, { workerId: opts.workerId, log: opts.log });
    for (;;) {
      const row = await db().job.findUniqueOrThrow({ where: { id: job.id }, select: { status: true, error: true, result: true } });
      if (row.status === 'succeeded') return { jobId: job.id, result: (result ?? row.result) as R };
      if (row.status === 'failed') throw new Error(row.error ?? `${def.name} job failed`);
      if (row.status === 'cancelled') throw new Error(`${def.name} job ${job.id} was cancelled`);
      // Another worker claimed it first: follow its progress.
      opts.signal.throwIfAborted();
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
  }
}
