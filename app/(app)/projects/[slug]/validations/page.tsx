import { notFound } from 'next/navigation';
import Link from 'next/link';
import { ValidateCell } from '@/components/validation/validate-cell';
import { hasRole } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { AppError } from '@/lib/server/errors';
import { getProjectBySlug } from '@/lib/server/projects/projects';
import { listSnapshots } from '@/lib/server/snapshots/snapshots';
import { latestSuite } from '@/lib/server/validation/suites';

export const metadata = { title: 'Validate · ChurnLab' };

/** The Validate cell on a page of its own (the notebook embeds the same component). */
export default async function ValidatePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePageUser('viewer', `/projects/${slug}/validations`);
  const project = await getProjectBySlug(slug).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  const [snapshots, suite] = await Promise.all([listSnapshots(project.id), latestSuite(project.id)]);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Validate · {project.name}</h1>
          <p className="muted"><Link href={`/projects/${encodeURIComponent(project.slug)}`}>back to the notebook</Link></p>
        </div>
      </div>
      <ValidateCell
        projectSlug={project.slug}
        canEdit={hasRole(user.role, 'scientist')}
        canOverride={hasRole(user.role, 'approver')}
        snapshots={snapshots}
        initialSuite={suite}
      />
    </div>
  );
}
