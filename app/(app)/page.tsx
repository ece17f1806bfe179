import Link from 'next/link';
import { CreateProjectForm } from '@/components/notebook/create-project-form';
import { hasRole } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { listProjects } from '@/lib/server/projects/projects';

export const metadata = { title: 'Projects' };

export default async function ProjectsPage() {
  const user = await requirePageUser('viewer');
  const projects = await listProjects();
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Projects</h1>
          <p className="muted">Each project is a notebook whose cells are the stages of a churn model&apos;s life.</p>
        </div>
      </div>
      <div className="grid" data-testid="project-list">
        {projects.map((p) => (
          <Link key={p.id} href={`/projects/${p.slug}`} className="card" style={{ color: 'inherit' }}>
            <h2>{p.name}</h2>
            <p className="muted">{p.description || 'No description.'}</p>
            <div className="row">
              {p.isDemo && <span className="badge">demo</span>}
              <span className="muted" style={{ fontSize: 12 }}>created {p.createdAt.slice(0, 10)}{p.owner ? ` by ${p.owner}` : ''}</span>
            </div>
          </Link>
        ))}
        {projects.length === 0 && <div className="empty">No projects yet.</div>}
      </div>
      {hasRole(user.role, 'scientist') && (
        <div className="card" style={{ maxWidth: 520 }}>
          <h2>New project</h2>
          <CreateProjectForm />
        </div>
      )}
    </div>
  );
}
