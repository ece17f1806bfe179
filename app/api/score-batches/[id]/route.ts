import { withRoute } from '@/lib/server/http/with-route';
import { getBatch } from '@/lib/server/scoring/batches';

export const GET = withRoute<{ id: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => getBatch(params.id));
