import { withRoute } from '@/lib/server/http/with-route';
import { createAlertRule, createRuleInput, listAlertRules } from '@/lib/server/monitoring/alert-rules';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

/** The project's alert rules. */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => ({ rules: await listAlertRules(await projectIdForSlug(params.slug)) }));

/** Creates a rule `{ kind, params?, enabled?, webhookUrl? }` (params checked per kind; defaults filled in). */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json }) => {
  const input = await json(createRuleInput);
  return Response.json(await createAlertRule(await projectIdForSlug(params.slug), input), { status: 201 });
});
