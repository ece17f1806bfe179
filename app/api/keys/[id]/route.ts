import { revokeApiKey } from '@/lib/server/api-keys/api-keys';
import { withRoute } from '@/lib/server/http/with-route';

export const DELETE = withRoute<{ id: string }>({ role: 'scientist' }, async ({ params, user }) =>
  revokeApiKey(user!.id, params.id, user!.role === 'admin'),
);
