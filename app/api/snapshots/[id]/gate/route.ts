import { withRoute } from '@/lib/server/http/with-route';
import { trainingGate } from '@/lib/server/validation/gate';

/** Whether the snapshot may be trained on, and why (latest run, failed expectations, override). */
export const GET = withRoute<{ id: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => trainingGate(params.id));
