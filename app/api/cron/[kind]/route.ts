import { isScheduleKind, SCHEDULE_KINDS } from '@/lib/pipeline/schedules';
import { env } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';
import { withRoute } from '@/lib/server/http/with-route';
import { checkCronAuthorization } from '@/lib/server/pipeline/cron-auth';
import { runCronKind } from '@/lib/server/pipeline/run-schedules';

export const dynamic = 'force-dynamic';

/**
 * Vercel crons (`vercel.json`) call this with GET and `Authorization: Bearer $CRON_SECRET`: runs the schedule kind
 * for every project whose schedule of that kind is enabled, answering the queued job ids. Missing/wrong secret →
 * 401; CRON_SECRET unset → 503; unknown kind → 404.
 */
export const GET = withRoute<{ kind: string }>({ auth: 'public' }, async ({ req, params }) => {
  checkCronAuthorization(req.headers.get('authorization'), env().CRON_SECRET);
  if (!isScheduleKind(params.kind)) throw new AppError('not_found', `no schedule kind "${params.kind}" (one of ${SCHEDULE_KINDS.join(', ')})`);
  const fired = await runCronKind(params.kind);
  return { kind: params.kind, jobs: fired.filter((f) => f.jobId).map((f) => ({ project: f.projectSlug, jobId: f.jobId })), skipped: fired.filter((f) => !f.jobId).map((f) => ({ project: f.projectSlug, reason: f.skipped })) };
});
