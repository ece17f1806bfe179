import { getSpecVersion } from '@/lib/server/features/specs';
import { withRoute } from '@/lib/server/http/with-route';

/** One saved feature spec version. */
export const GET = withRoute<{ id: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => getSpecVersion(params.id));
