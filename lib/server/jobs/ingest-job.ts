/** The ingest job: the seed's three extracts over a window → merged table → snapshot. Run by workers, the CLI and schedules. */
import { LABEL_COLUMN } from '@/lib/ingest/merge';
import { resolveWindow } from '@/lib/ingest/window';
import { runIngest } from '@/lib/server/ingest/run-ingest';
import { defineJob } from '@/lib/server/jobs/define-job';
import { ingestJobSpec } from '@/lib/server/jobs/ingest-spec';
import { createSnapshot } from '@/lib/server/snapshots/snapshots';
import { sourceConnection } from '@/lib/server/sources/sources';

export { ingestPayload, type IngestPayload } from '@/lib/server/jobs/ingest-spec';

export const ingestJob = defineJob({
  ...ingestJobSpec,
  async handler(p, ctx) {
    const { source, connection } = await sourceConnection(p.projectId, p.sourceId);
    const window = resolveWindow({ last: `${p.days}d`, end: p.end });
    await ctx.progress(0.05, `extracting ${window.start} … ${window.end} from ${source.name}`);
    const res = await runIngest(connection, window, { horizonDays: p.horizonDays, signupFilter: p.signupFilter, signal: ctx.signal });
    await ctx.progress(0.6, `merged ${res.rowCount.toLocaleString('en-US')} customers; writing the snapshot`);
    const { snapshot, created } = await createSnapshot({
      projectId: p.projectId,
      origin: 'ingest',
      sourceId: source.id,
      name: `${source.name} ${window.start}…${window.end}`,
      table: res.table,
      window,
      options: { horizonDays: p.horizonDays, signupFilter: p.signupFilter, stats: res.stats },
      target: LABEL_COLUMN,
      positive: '1',
      createdById: ctx.createdById,
    });
    await ctx.progress(1, created ? 'snapshot created' : 'identical data: existing snapshot reused');
    return { snapshotId: snapshot.id, hash: snapshot.hash, rowCount: snapshot.rowCount, created };
  },
});
