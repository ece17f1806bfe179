import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MonitorCell } from '@/components/monitor/monitor-cell';
import { hasRole } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { AppError } from '@/lib/server/errors';
import { loadMonitorView } from '@/lib/server/monitoring/monitor-view';
import { getProjectBySlug } from '@/lib/server/projects/projects';

export const metadata = { title: 'Monitor · ChurnLab' };

/** The Monitor page: drift reports, SLOs, alerts and rules of one project (the Monitor cell, full width). */
export default async function MonitorPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePageUser('viewer', `/projects/${slug}/monitor`);
  const project = await getProjectBySlug(slug).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  const view = await loadMonitorView(project.id);
  return (
    <main className="stack">
      <p>
        <Link href={`/projects/${project.slug}`}>← {project.name}</Link>
      </p>
      <h1>Monitor</h1>
      <MonitorCell projectSlug={project.slug} canEdit={hasRole(user.role, 'scientist')} {...view} />
    </main>
  );
}
