import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { enqueueJob } from '@/lib/server/jobs/jobs';
import { driftJob } from '@/lib/server/monitoring/drift-job';
import { driftSettingsInput, listDriftReports, runDriftReport } from '@/lib/server/monitoring/drift';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

/** The project's drift reports, newest first (`?limit=`, ≤ 200). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const limit = z.coerce.number().int().min(1).max(200).default(20).parse(new URL(req.url).searchParams.get('limit') ?? undefined);
  return { reports: await listDriftReports(await projectIdForSlug(params.slug), limit) };
});

const body = z.union([
  z.strictObject({ snapshotId: z.string().min(1), settings: driftSettingsInput.optional(), queue: z.boolean().default(false) }),
  z.strictObject({ batchId: z.string().min(1), settings: driftSettingsInput.optional(), queue: z.boolean().default(false) }),
]);

/**
 * Runs drift of the champion against `{ snapshotId }` or `{ batchId }` now (201 with the report, alerts evaluated),
 * or with `queue: true` as a `drift` job (202 with the job).
 */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const input = await json(body);
  const projectId = await projectIdForSlug(params.slug);
  const subject = 'batchId' in input ? { batchId: input.batchId } : { snapshotId: input.snapshotId };
  if (input.queue) return Response.json(await enqueueJob(driftJob, { projectId, ...subject }, { projectId, createdById: user!.id }), { status: 202 });
  return Response.json(await runDriftReport(projectId, subject, { settings: input.settings }), { status: 201 });
});
