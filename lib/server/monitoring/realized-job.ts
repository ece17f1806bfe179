/**
 * The `realized` job: a new outcome snapshot judged against the project's recent scoring batches (the last
 * `maxBatches` succeeded ones created before it). Batches with no customer in the snapshot are skipped; each
 * overlapping batch gets its RealizedPerformance row upserted and the `auc_drop` rules evaluated. Idempotent:
 * a rerun upserts the same rows and alerts are deduplicated.
 */
import { AppError } from '@/lib/server/errors';
import { db } from '@/lib/server/db/client';
import { defineJob } from '@/lib/server/jobs/define-job';
import { evaluateRealized, loadOutcomes, realizeBatch, type RealizedPerformance } from './realized';
import { outcomeBatchesWhere } from './realized-queue';
import { realizedJobSpec, type RealizedPayload } from './realized-spec';

export interface RealizeOutcomesResult {
  evaluated: { batchId: string; batchDate: string; matched: number; rocAuc: number | null }[];
  skipped: { batchId: string; reason: string }[];
  alertsRaised: number;
}

/** Judges the recent batches against one outcome snapshot (see the file comment). */
export async function realizeOutcomeSnapshot(p: RealizedPayload, opts: { signal?: AbortSignal; progress?: (f: number, m: string) => Promise<void> } = {}): Promise<RealizeOutcomesResult> {
  const source = await loadOutcomes(p.projectId, p.outcomeSnapshotId);
  const batches = await db().scoreBatch.findMany({ where: outcomeBatchesWhere(p.projectId, source.createdAt), orderBy: { createdAt: 'desc' }, take: p.maxBatches, select: { id: true } });
  const out: RealizeOutcomesResult = { evaluated: [], skipped: [], alertsRaised: 0 };
  for (const [i, b] of batches.entries()) {
    opts.signal?.throwIfAborted();
    await opts.progress?.(0.1 + (0.9 * i) / Math.max(1, batches.length), `batch ${i + 1} of ${batches.length}`);
    let r: RealizedPerformance;
    try {
      r = await realizeBatch(p.projectId, b.id, source);
    } catch (e) {
      // no overlap or no id column: this batch is not about these customers
      if (e instanceof AppError && e.code === 'unprocessable') {
        out.skipped.push({ batchId: b.id, reason: e.message });
        continue;
      }
      throw e;
    }
    out.evaluated.push({ batchId: r.batchId, batchDate: r.batchDate, matched: r.matched, rocAuc: r.rocAuc });
    out.alertsRaised += await evaluateRealized(p.projectId, r);
  }
  return out;
}

export const realizedJob = defineJob({
  ...realizedJobSpec,
  async handler(p, ctx) {
    await ctx.progress(0.05, 'loading the outcomes');
    return realizeOutcomeSnapshot(p, { signal: ctx.signal, progress: (f, m) => ctx.progress(f, m) });
  },
});
