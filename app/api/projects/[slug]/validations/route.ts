import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { runValidation } from '@/lib/server/validation/run-validation';

const body = z.strictObject({ snapshotId: z.string().min(1), suiteId: z.string().min(1).nullable().optional() });

/** Runs a suite version (default: the latest of `default`) on a snapshot; 201 with the stored run and its report. */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const input = await json(body);
  const projectId = await projectIdForSlug(params.slug);
  return Response.json(await runValidation(projectId, input.snapshotId, input.suiteId, user!.id), { status: 201 });
});
