import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CompareView } from '@/components/training/compare-view';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { AppError } from '@/lib/server/errors';
import { getProjectBySlug } from '@/lib/server/projects/projects';
import { compareRuns, listRuns } from '@/lib/server/training/runs';

export const metadata = { title: 'Compare runs · ChurnLab' };

/** /projects/{slug}/runs/compare?ids=a,b[,…] — 2 to 5 runs of this project side by side. */
export default async function CompareRunsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ ids?: string | string[] }> }) {
  const { slug } = await params;
  const { ids: raw } = await searchParams;
  const idsText = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
  await requirePageUser('viewer', `/projects/${slug}/runs/compare?ids=${encodeURIComponent(idsText)}`);
  const project = await getProjectBySlug(slug).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  const ids = idsText.split(',').map((s) => s.trim()).filter(Boolean);
  let problem: string | null = null;
  let runs: Awaited<ReturnType<typeof compareRuns>> = [];
  try {
    const own = new Set((await listRuns(project.id)).map((r) => r.id));
    const foreign = ids.filter((id) => !own.has(id));
    if (foreign.length) problem = `not runs of this project: ${foreign.join(', ')}`;
    else runs = await compareRuns(ids);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    problem = e.message;
  }
  if (problem) {
    return (
      <div className="stack">
        <p className="muted"><Link href={`/projects/${encodeURIComponent(project.slug)}`}>← project</Link></p>
        <div className="alert alert-error" role="alert" data-testid="compare-error">{problem}</div>
      </div>
    );
  }
  return <CompareView runs={runs} projectSlug={project.slug} />;
}
