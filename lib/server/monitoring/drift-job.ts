/** The `drift` job: a drift report of the project's champion against a snapshot or a score batch (then its alerts). */
import { z } from 'zod';
import { defineJob } from '@/lib/server/jobs/define-job';
import { runDriftReport } from './drift';

export const driftPayload = z.union([z.strictObject({ projectId: z.string().min(1), snapshotId: z.string().min(1) }), z.strictObject({ projectId: z.string().min(1), batchId: z.string().min(1) })]);

export const driftJob = defineJob({
  name: 'drift',
  version: 1,
  payloadSchema: driftPayload,
  expireInSeconds: 900,
  retryLimit: 2,
  async handler(p, ctx) {
    await ctx.progress(0.05, 'computing drift against the champion’s training rows');
    const { projectId, ...subject } = p;
    const r = await runDriftReport(projectId, subject as { snapshotId: string } | { batchId: string });
    return { reportId: r.id, drifted: r.summary.drifted, features: r.summary.features, datasetDrift: r.summary.datasetDrift };
  },
});
