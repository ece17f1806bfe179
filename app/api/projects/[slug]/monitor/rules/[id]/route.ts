import { withRoute } from '@/lib/server/http/with-route';
import { deleteAlertRule, updateAlertRule, updateRuleInput } from '@/lib/server/monitoring/alert-rules';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

/** Updates a rule's `enabled`, `params` or `webhookUrl`. */
export const PATCH = withRoute<{ slug: string; id: string }>({ role: 'scientist' }, async ({ params, json }) => {
  const input = await json(updateRuleInput);
  return updateAlertRule(await projectIdForSlug(params.slug), params.id, input);
});

export const DELETE = withRoute<{ slug: string; id: string }>({ role: 'scientist' }, async ({ params }) => {
  await deleteAlertRule(await projectIdForSlug(params.slug), params.id);
  return new Response(null, { status: 204 });
});
