import { withRoute } from '@/lib/server/http/with-route';
import { enqueueJob } from '@/lib/server/jobs/jobs';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { listBatches } from '@/lib/server/scoring/batches';
import { batchScoreFields, batchScoreJobSpec, batchScorePayload } from '@/lib/server/scoring/batch-spec';

/** The project's score batches, newest first (replaced ones hidden). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => ({ batches: await listBatches(await projectIdForSlug(params.slug)) }));

const body = batchScoreFields.omit({ projectId: true, shard: true, shards: true });

/** Scores every customer now (a batch-score job; 202 with the job to follow). */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const input = await json(body);
  const projectId = await projectIdForSlug(params.slug);
  const job = await enqueueJob(batchScoreJobSpec, batchScorePayload.parse({ ...input, projectId }), { projectId, createdById: user!.id });
  return Response.json(job, { status: 202 });
});
