import { notFound } from 'next/navigation';
import { ModelView } from '@/components/registry/model-view';
import { hasRole } from '@/lib/auth/roles';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { AppError } from '@/lib/server/errors';
import { getProjectBySlug } from '@/lib/server/projects/projects';
import { getModelDetail } from '@/lib/server/registry/registry';

export const metadata = { title: 'Model · ChurnLab' };

/** Route params arrive percent-encoded or not depending on the caller; model names never contain `%`. */
function paramText(v: string): string {
  try {
    return v.includes('%') ? decodeURIComponent(v) : v;
  } catch {
    return v;
  }
}

/** A registered model: aliases, versions, promotion requests with decisions, and the audit trail. */
export default async function ModelPage({ params }: { params: Promise<{ slug: string; name: string }> }) {
  const { slug, name } = await params;
  const modelName = paramText(name);
  const user = await requirePageUser('viewer', `/projects/${slug}/models/${encodeURIComponent(modelName)}`);
  const [project, detail] = await Promise.all([getProjectBySlug(slug), getModelDetail(modelName)]).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  if (detail.model.projectId !== project.id) notFound();
  return (
    <ModelView
      projectSlug={project.slug}
      initial={detail}
      perms={{ canRegister: hasRole(user.role, 'scientist'), canPromote: hasRole(user.role, 'approver'), me: { id: user.id, email: user.email } }}
    />
  );
}
