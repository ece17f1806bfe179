import { notFound } from 'next/navigation';
import { ValidationReportView } from '@/components/validation/validation-report';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { AppError } from '@/lib/server/errors';
import { getProjectBySlug } from '@/lib/server/projects/projects';
import { getValidationRun, recentRuns } from '@/lib/server/validation/run-validation';

export const metadata = { title: 'Validation report · ChurnLab' };

const HISTORY = 5;

/** A stored validation run as a report, with the last runs of the same suite (this snapshot, else the project). */
export default async function ValidationReportPage({ params }: { params: Promise<{ slug: string; runId: string }> }) {
  const { slug, runId } = await params;
  await requirePageUser('viewer', `/projects/${slug}/validations/${runId}`);
  const found = await Promise.all([getProjectBySlug(slug), getValidationRun(runId)]).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  const [project, run] = found;
  if (run.projectId !== project.id) notFound();
  let history = await recentRuns(project.id, { suiteName: run.suiteName, snapshotId: run.snapshotId, n: HISTORY });
  if (history.length < 2) history = await recentRuns(project.id, { suiteName: run.suiteName, n: HISTORY });
  if (!history.some((h) => h.id === run.id)) history = [run, ...history.slice(0, HISTORY - 1)];
  return <ValidationReportView run={run} projectSlug={project.slug} history={history} />;
}
