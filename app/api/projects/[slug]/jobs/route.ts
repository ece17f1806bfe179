import { withRoute } from '@/lib/server/http/with-route';
import { listJobs } from '@/lib/server/jobs/jobs';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

export const GET = withRoute<{ slug: string }>({ role: 'viewer' }, async ({ params }) => ({ jobs: await listJobs(await projectIdForSlug(params.slug)) }));
