import { notFound } from 'next/navigation';
import { RunView } from '@/components/training/run-view';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { AppError } from '@/lib/server/errors';
import { getProjectBySlug } from '@/lib/server/projects/projects';
import { getSnapshot } from '@/lib/server/snapshots/snapshots';
import { getRun } from '@/lib/server/training/runs';

export const metadata = { title: 'Run · ChurnLab' };

/** One training run: metrics, every evaluation chart, params, lineage and artifacts. */
export default async function RunPage({ params }: { params: Promise<{ slug: string; runId: string }> }) {
  const { slug, runId } = await params;
  await requirePageUser('viewer', `/projects/${slug}/runs/${runId}`);
  const [project, run] = await Promise.all([getProjectBySlug(slug), getRun(runId)]).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  const snapshot = await getSnapshot(run.snapshotId);
  if (snapshot.projectId !== project.id) notFound();
  return <RunView run={run} projectSlug={project.slug} />;
}
