import { hasRole } from '@/lib/auth/roles';
import { withRoute } from '@/lib/server/http/with-route';
import { decideRequest, decisionInput, getModelDetail } from '@/lib/server/registry/registry';
import { refreshServing } from '@/lib/server/serving/serving-cache';

/** Approve or reject (approvers) or withdraw (the requester) a promotion request. */
export const POST = withRoute<{ id: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const input = await json(decisionInput);
  const name = await decideRequest({ id: user!.id, role: user!.role }, params.id, input, hasRole(user!.role, 'approver'));
  if (input.decision === 'approve') await refreshServing();
  return getModelDetail(name);
});
