import { notFound } from 'next/navigation';
import { Notebook } from '@/components/notebook/notebook';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { AppError } from '@/lib/server/errors';
import { getProjectBySlug } from '@/lib/server/projects/projects';

export default async function ProjectPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePageUser('viewer', `/projects/${slug}`);
  const project = await getProjectBySlug(slug).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  return <Notebook project={project} role={user.role} />;
}
