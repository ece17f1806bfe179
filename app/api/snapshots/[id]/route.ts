import { withRoute } from '@/lib/server/http/with-route';
import { archiveSnapshot, getSnapshot } from '@/lib/server/snapshots/snapshots';

export const GET = withRoute<{ id: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => getSnapshot(params.id));

/** Snapshots are immutable and may be referenced by runs: DELETE archives (hides) rather than deletes. */
export const DELETE = withRoute<{ id: string }>({ role: 'scientist' }, async ({ params }) => {
  const s = await getSnapshot(params.id);
  return archiveSnapshot(s.id, s.projectId);
});
