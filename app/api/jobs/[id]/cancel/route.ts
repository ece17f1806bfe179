import { withRoute } from '@/lib/server/http/with-route';
import { cancelJob } from '@/lib/server/jobs/jobs';

export const POST = withRoute<{ id: string }>({ role: 'scientist' }, async ({ params }) => cancelJob(params.id));
