/** Every job a worker can run. */
import type { JobDefinition } from '@/lib/server/jobs/define-job';
import { ingestJob } from '@/lib/server/jobs/ingest-job';
import { pingJob } from '@/lib/server/jobs/ping-job';
import { driftJob } from '@/lib/server/monitoring/drift-job';
import { realizedJob } from '@/lib/server/monitoring/realized-job';
import { pipelineJob } from '@/lib/server/pipeline/pipeline-job';
import { batchScoreJob } from '@/lib/server/scoring/batch-job';
import { trainJob } from '@/lib/server/training/train-job';

export const JOB_DEFINITIONS: JobDefinition<never, unknown>[] = [ingestJob, trainJob, batchScoreJob, pipelineJob, pingJob, driftJob, realizedJob] as unknown as JobDefinition<never, unknown>[];

export function jobDefinition(name: string): JobDefinition<never, unknown> {
  const def = JOB_DEFINITIONS.find((d) => d.name === name);
  if (!def) throw new RangeError(`unknown job "${name}"; known: ${JOB_DEFINITIONS.map((d) => d.name).join(', ')}`);
  return def;
}
