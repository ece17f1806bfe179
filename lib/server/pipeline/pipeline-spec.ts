/**
 * The pipeline job's name and payload, without its handler: what the web app and the cron routes need to queue
 * a pipeline run (the handler, which trains in worker threads, lives in pipeline-job.ts and runs in workers and
 * the CLI).
 */
import { z } from 'zod';
import { PIPELINE_TRIGGERS } from '@/lib/pipeline/settings';

export const pipelinePayload = z.strictObject({
  projectId: z.string().min(1),
  trigger: z.enum(PIPELINE_TRIGGERS).default('notebook'),
});

export type PipelinePayload = z.infer<typeof pipelinePayload>;

/**
 * No queue retries: a stage failure (validation, a bad feature spec) is deterministic and recorded in the
 * PipelineRun; a run whose worker died is still handed to another worker by lease recovery.
 */
export const pipelineJobSpec = { name: 'pipeline', version: 1, payloadSchema: pipelinePayload, expireInSeconds: 6 * 60 * 60, retryLimit: 0 } as const;
