import { withRoute } from '@/lib/server/http/with-route';
import { ingestJobSpec, ingestPayload } from '@/lib/server/jobs/ingest-spec';
import { enqueueJob } from '@/lib/server/jobs/jobs';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { sourceConnection } from '@/lib/server/sources/sources';

const body = ingestPayload.omit({ projectId: true });

/** Starts an ingest job over a window of the project's source; answers 202 with the job to poll. */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const input = await json(body);
  const projectId = await projectIdForSlug(params.slug);
  await sourceConnection(projectId, input.sourceId); // 404 now rather than a failed job later
  const job = await enqueueJob(ingestJobSpec, { ...input, projectId }, { projectId, createdById: user!.id });
  return Response.json(job, { status: 202 });
});
