import { withRoute } from '@/lib/server/http/with-route';
import { getRun } from '@/lib/server/training/runs';

export const GET = withRoute<{ id: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => getRun(params.id));
