import { withRoute } from '@/lib/server/http/with-route';
import { getModelDetail, setAlias, setAliasInput } from '@/lib/server/registry/registry';
import { refreshServing } from '@/lib/server/serving/serving-cache';

/** Moves (or, with version null, clears) an alias; approvers only, with a reason. The API serves it once loaded. */
export const POST = withRoute<{ name: string }>({ role: 'approver' }, async ({ params, json, user }) => {
  const input = await json(setAliasInput);
  await setAlias({ id: user!.id, role: user!.role }, params.name, input);
  await refreshServing();
  return getModelDetail(params.name);
});
