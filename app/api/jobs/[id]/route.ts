import { withRoute } from '@/lib/server/http/with-route';
import { getJob } from '@/lib/server/jobs/jobs';

export const GET = withRoute<{ id: string }>({ role: 'viewer' }, async ({ params }) => getJob(params.id));
