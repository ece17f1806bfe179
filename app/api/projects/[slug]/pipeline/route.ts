import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { listPipelineRuns } from '@/lib/server/pipeline/pipeline-runs';
import { startPipeline } from '@/lib/server/pipeline/start-pipeline';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

const query = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) });

/** The project's recent pipeline runs, newest first (`?limit=`, default 10), each with its stages. */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const { limit } = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  return { runs: await listPipelineRuns(await projectIdForSlug(params.slug), limit) };
});

/** "Run all": queues the pipeline job (202 with the job to follow); 409 while a pipeline of this project is queued or running. */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, user }) => {
  const job = await startPipeline(await projectIdForSlug(params.slug), user!.id, 'notebook');
  return Response.json(job, { status: 202 });
});
