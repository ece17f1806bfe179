import { createApiKey, createApiKeyInput, listApiKeys } from '@/lib/server/api-keys/api-keys';
import { withRoute } from '@/lib/server/http/with-route';

export const GET = withRoute({ role: 'scientist' }, async ({ user }) => ({ keys: await listApiKeys(user!.id, user!.role === 'admin') }));

export const POST = withRoute({ role: 'scientist' }, async ({ json, user }) => {
  const input = await json(createApiKeyInput);
  return Response.json(await createApiKey(user!.id, input), { status: 201, headers: { 'cache-control': 'no-store' } });
});
