import { withRoute } from '@/lib/server/http/with-route';
import { listProjects } from '@/lib/server/projects/projects';

/** Projects, for API clients with a `read` key (or a signed-in user). */
export const GET = withRoute({ role: 'viewer', scope: 'read' }, async () => ({ projects: await listProjects() }));
