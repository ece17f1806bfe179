import { withRoute } from '@/lib/server/http/with-route';
import { getValidationRun } from '@/lib/server/validation/run-validation';

/** One validation run with its full report. */
export const GET = withRoute<{ id: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => getValidationRun(params.id));
