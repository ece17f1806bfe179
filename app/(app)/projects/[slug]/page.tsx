import { notFound } from 'next/navigation';
import { DataCell } from '@/components/data/data-cell';
import { Notebook } from '@/components/notebook/notebook';
import { hasRole } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { AppError } from '@/lib/server/errors';
import { listJobs } from '@/lib/server/jobs/jobs';
import { getProjectBySlug } from '@/lib/server/projects/projects';
import { listSnapshots } from '@/lib/server/snapshots/snapshots';
import { listSources } from '@/lib/server/sources/sources';

export default async function ProjectPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePageUser('viewer', `/projects/${slug}`);
  const project = await getProjectBySlug(slug).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  const [snapshots, sources, jobs] = await Promise.all([listSnapshots(project.id), listSources(project.id), listJobs(project.id)]);
  const ingestRunning = jobs.some((j) => j.type === 'ingest' && (j.status === 'queued' || j.status === 'running'));
  return (
    <Notebook
      project={project}
      role={user.role}
      statuses={{ data: ingestRunning ? 'running' : snapshots.length > 0 ? 'passed' : 'not_started' }}
      cells={{
        data: <DataCell projectSlug={project.slug} canEdit={hasRole(user.role, 'scientist')} initialSnapshots={snapshots} initialSources={sources} initialJobs={jobs} />,
      }}
    />
  );
}
