/** The batch-scoring job (workers and the CLI): one shard per job; see batch-score.ts. */
import { defineJob } from '@/lib/server/jobs/define-job';
import { batchScoreJobSpec } from './batch-spec';
import { runBatchScore } from './batch-score';

export const batchScoreJob = defineJob({
  ...batchScoreJobSpec,
  async handler(p, ctx) {
    return runBatchScore(p, { jobId: ctx.jobId, createdById: ctx.createdById, signal: ctx.signal, progress: (f, m) => ctx.progress(f, m) });
  },
});
