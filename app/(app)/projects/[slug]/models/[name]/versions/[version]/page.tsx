import { notFound } from 'next/navigation';
import { ModelCardView } from '@/components/registry/model-card-view';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { AppError } from '@/lib/server/errors';
import { getProjectBySlug } from '@/lib/server/projects/projects';
import { getModelCard } from '@/lib/server/registry/registry';

export const metadata = { title: 'Model card · ChurnLab' };

function paramText(v: string): string {
  try {
    return v.includes('%') ? decodeURIComponent(v) : v;
  } catch {
    return v;
  }
}

/** The model card of one registered version: data, validation, features, params, metrics, curves, approvals. */
export default async function ModelCardPage({ params }: { params: Promise<{ slug: string; name: string; version: string }> }) {
  const { slug, name, version } = await params;
  const modelName = paramText(name);
  await requirePageUser('viewer', `/projects/${slug}/models/${encodeURIComponent(modelName)}/versions/${version}`);
  // `v3` and `3` both name version 3.
  const n = Number(version.replace(/^v/i, ''));
  if (!Number.isInteger(n) || n < 1) notFound();
  const [project, card] = await Promise.all([getProjectBySlug(slug), getModelCard(modelName, n)]).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  if (card.model.projectId !== project.id) notFound();
  return <ModelCardView card={card} projectSlug={project.slug} />;
}
