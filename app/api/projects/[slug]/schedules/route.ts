import { readJsonBody, withRoute } from '@/lib/server/http/with-route';
import { listSchedules, updateSchedule } from '@/lib/server/pipeline/schedules';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

/** The project's three schedules (daily ingest, weekly retrain, nightly scoring) with their next fire times (UTC). */
export const GET = withRoute<{ slug: string }>({ role: 'viewer' }, async ({ params }) => ({ schedules: await listSchedules(await projectIdForSlug(params.slug)) }));

/**
 * Changes one schedule: `{ kind, cron?, enabled? }`. A bad cron expression → 422 naming `cron` (and the field of
 * the expression); an unknown kind → 404.
 */
async function update({ params, req, user }: { params: { slug: string }; req: Request; user: { id: string } | null }) {
  const projectId = await projectIdForSlug(params.slug);
  return { schedule: await updateSchedule(projectId, await readJsonBody(req, 10_000), user!.id) };
}

export const PUT = withRoute<{ slug: string }>({ role: 'scientist' }, update);
export const PATCH = withRoute<{ slug: string }>({ role: 'scientist' }, update);
