import { withRoute } from '@/lib/server/http/with-route';
import { getSnapshot } from '@/lib/server/snapshots/snapshots';
import { listSnapshotRuns } from '@/lib/server/validation/run-validation';

/** Validation history of a snapshot, newest first (summaries; GET /api/validations/{id} for a report). */
export const GET = withRoute<{ id: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => {
  const s = await getSnapshot(params.id);
  return { runs: await listSnapshotRuns(s.id) };
});
