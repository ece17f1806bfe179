import { withRoute } from '@/lib/server/http/with-route';
import { getModelDetail } from '@/lib/server/registry/registry';

/** A registered model: versions, aliases, audit trail, promotion requests. */
export const GET = withRoute<{ name: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => getModelDetail(params.name));
