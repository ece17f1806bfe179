/**
 * The `pipeline` job: runs lib/server/pipeline/run-pipeline once for a project. A failed stage fails the job (its
 * error names the stage and reason; the PipelineRun has the detail), so the CLI exits non-zero and the job list
 * shows it. Idempotent on redelivery: a job whose pipeline run already succeeded returns that run's result.
 */
import { db } from '@/lib/server/db/client';
import { defineJob } from '@/lib/server/jobs/define-job';
import { pipelineJobSpec } from './pipeline-spec';
import { runPipeline } from './run-pipeline';

export { pipelinePayload, type PipelinePayload } from './pipeline-spec';

const CANCEL_CHECK_MS = 2_000;

export class PipelineFailedError extends Error {
  override readonly name = 'PipelineFailedError';
  constructor(
    readonly pipelineRunId: string,
    message: string,
  ) {
    super(message);
  }
}

export const pipelineJob = defineJob({
  ...pipelineJobSpec,
  async handler(p, ctx) {
    const done = await db().pipelineRun.findFirst({ where: { jobId: ctx.jobId, status: 'succeeded' }, orderBy: { createdAt: 'desc' } });
    if (done) return { pipelineRunId: done.id, ...(done.result as object), reused: true };
    // An earlier attempt interrupted mid-run (its worker died): close its record; this attempt starts afresh.
    await db().pipelineRun.updateMany({ where: { jobId: ctx.jobId, status: 'running' }, data: { status: 'failed', error: 'interrupted: the run was restarted', finishedAt: new Date() } });
    const job = await db().job.findUniqueOrThrow({ where: { id: ctx.jobId }, select: { workerId: true } });
    // Progress is reported per stage; between reports (a long training) this keeps asking whether the run was
    // cancelled, so a cancel aborts the signal and the running child job is cancelled with it.
    let fraction = 0;
    const watch = setInterval(() => void ctx.progress(fraction).catch(() => {}), CANCEL_CHECK_MS);
    let run;
    try {
      run = await runPipeline({
        projectId: p.projectId,
        trigger: p.trigger,
        jobId: ctx.jobId,
        createdById: ctx.createdById,
        workerId: job.workerId ?? `pipeline-${ctx.jobId}`,
        signal: ctx.signal,
        progress: (f, m) => {
          fraction = f;
          return ctx.progress(f, m, undefined, { force: true });
        },
        log: ctx.log,
      });
    } finally {
      clearInterval(watch);
    }
    if (run.status !== 'succeeded') throw new PipelineFailedError(run.id, `pipeline failed at ${run.failedStage ?? 'an unknown stage'}: ${run.error?.replace(/^[a-z]+: /, '') ?? 'unknown error'}`);
    return { pipelineRunId: run.id, ...run.result };
  },
});
