import { withRoute } from '@/lib/server/http/with-route';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { listSnapshots } from '@/lib/server/snapshots/snapshots';

export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const archived = new URL(req.url).searchParams.get('archived') === '1';
  return { snapshots: await listSnapshots(await projectIdForSlug(params.slug), { includeArchived: archived }) };
});
