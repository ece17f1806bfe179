/** "Run all" from the notebook (and any caller with a user): queues the pipeline job unless one is already on its way. */
import type { JobDTO } from '@/lib/api/dto';
import type { PipelineTrigger } from '@/lib/pipeline/settings';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { enqueueJob } from '@/lib/server/jobs/jobs';
import { pipelineJobSpec } from './pipeline-spec';

/** Queues a pipeline run of the project; 409 naming the job while another is queued or running. */
export async function startPipeline(projectId: string, userId: string | null, trigger: PipelineTrigger = 'notebook'): Promise<JobDTO> {
  const active = await db().job.findFirst({ where: { projectId, type: pipelineJobSpec.name, status: { in: ['queued', 'running'] } }, select: { id: true } });
  if (active) throw new AppError('conflict', `a pipeline run of this project is already queued or running (job ${active.id})`, { jobId: active.id });
  return enqueueJob(pipelineJobSpec, { projectId, trigger }, { projectId, createdById: userId });
}
