import { withRoute } from '@/lib/server/http/with-route';
import { enqueueJob } from '@/lib/server/jobs/jobs';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { getSnapshot } from '@/lib/server/snapshots/snapshots';
import { parseParams } from '@/lib/server/training/model-families';
import { listRuns } from '@/lib/server/training/runs';
import { trainJobSpec, trainPayload } from '@/lib/server/training/train-spec';
import { validateBeforeTraining } from '@/lib/server/training/validate-before-training';
import { AppError } from '@/lib/server/errors';

export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => ({ runs: await listRuns(await projectIdForSlug(params.slug)) }));

const body = trainPayload.omit({ projectId: true });

/** Starts a training job (202 with the job to follow). Bad params and a snapshot that failed validation are refused now. */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const input = await json(body);
  const projectId = await projectIdForSlug(params.slug);
  const snapshot = await getSnapshot(input.snapshotId);
  if (snapshot.projectId !== projectId) throw new AppError('not_found', `no snapshot ${input.snapshotId} in this project`);
  parseParams(input.family, input.params);
  await validateBeforeTraining(projectId, snapshot.id, user!.id);
  const job = await enqueueJob(trainJobSpec, { ...input, projectId }, { projectId, createdById: user!.id });
  return Response.json(job, { status: 202 });
});
