import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { acknowledgeAlert, resolveAlert, silenceAlert } from '@/lib/server/monitoring/alerts';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

const body = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('acknowledge') }),
  z.strictObject({ action: z.literal('resolve') }),
  z.strictObject({ action: z.literal('silence'), minutes: z.number().int().min(0).max(43_200) }),
]);

/** `{ action: 'acknowledge' | 'resolve' }` or `{ action: 'silence', minutes }` (0 lifts the silence). */
export const POST = withRoute<{ slug: string; id: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const input = await json(body);
  const projectId = await projectIdForSlug(params.slug);
  if (input.action === 'acknowledge') return acknowledgeAlert(projectId, params.id, user!.id);
  if (input.action === 'resolve') return resolveAlert(projectId, params.id);
  return silenceAlert(projectId, params.id, input.minutes);
});
