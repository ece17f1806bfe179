import { withRoute } from '@/lib/server/http/with-route';
import { requestInput, requestPromotion } from '@/lib/server/registry/registry';

/** A scientist asks an approver to move an alias to a version. */
export const POST = withRoute<{ name: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const request = await requestPromotion({ id: user!.id, role: user!.role }, params.name, await json(requestInput));
  return Response.json({ request }, { status: 201 });
});
