/**
 * Realized performance of a scoring batch: once churn outcomes arrive (a later snapshot with the target column),
 * the batch's customers are joined by the version's id field and scored against what happened: ROC AUC,
 * precision/recall/F1 at the version's threshold, calibration (10 uniform bins). Every computation is stored
 * (RealizedPerformance, one row per batch × outcome snapshot, upserted) so the Monitor cell can chart realized
 * AUC over time; the `auc_drop` rules compare it with the version's holdout AUC at training.
 */
import { isMissing } from '@/lib/data/table';
import { calibrationCurve, confusionMatrix, rocAuc, scoresFromConfusion } from '@/lib/ml/metrics';
import type { RealizedCalibrationBin, RealizedPerformanceDTO } from '@/lib/monitoring/realized';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { loadSnapshotTable } from '@/lib/server/snapshots/snapshots';
import { parseRuleParams } from './alert-rules';
import { raiseAlert } from './alerts';

/** What a computation returns: the stored row. */
export type RealizedPerformance = RealizedPerformanceDTO;

/** An outcome snapshot, loaded once; `outcomes(idField)` maps customer id → 1 (churned) / 0 per id column. */
export interface OutcomeSource {
  snapshotId: string;
  name: string;
  createdAt: Date;
  outcomes(idField: string): Map<string, number> | null;
}

/** Loads an outcome snapshot of the project (404 when it is another project's, 422 without a target column). */
export async function loadOutcomes(projectId: string, outcomeSnapshotId: string): Promise<OutcomeSource> {
  const own = await db().snapshot.findUnique({ where: { id: outcomeSnapshotId }, select: { projectId: true } });
  if (!own || own.projectId !== projectId) throw new AppError('not_found', `outcomeSnapshotId: no snapshot ${outcomeSnapshotId} in this project`);
  const { snapshot, data } = await loadSnapshotTable(outcomeSnapshotId);
  const targetColumn = snapshot.targetColumn;
  const positive = snapshot.positiveValue;
  if (!targetColumn || positive === null) throw new AppError('unprocessable', `outcomeSnapshotId: snapshot "${snapshot.name}" has no target column: it cannot carry outcomes`);
  const cache = new Map<string, Map<string, number> | null>();
  return {
    snapshotId: snapshot.id,
    name: snapshot.name,
    createdAt: new Date(snapshot.createdAt),
    outcomes(idField) {
      if (!cache.has(idField)) {
        if (!data.table.columnNames().includes(idField)) cache.set(idField, null);
        else {
          const ids = data.table.array(idField);
          const target = data.table.array(targetColumn);
          const m = new Map<string, number>();
          for (let i = 0; i < ids.length; i++) if (!isMissing(ids[i]) && !isMissing(target[i])) m.set(String(ids[i]), String(target[i]) === positive ? 1 : 0);
          cache.set(idField, m);
        }
      }
      return cache.get(idField)!;
    },
  };
}

/** Computes a batch against loaded outcomes and upserts the row (422 when no customer of the batch has an outcome). */
export async function realizeBatch(projectId: string, batchId: string, source: OutcomeSource): Promise<RealizedPerformance> {
  const batch = await db().scoreBatch.findUnique({ where: { id: batchId } });
  if (!batch || batch.projectId !== projectId) throw new AppError('not_found', `batchId: no score batch ${batchId} in this project`);
  if (batch.status !== 'succeeded' && batch.status !== 'replaced') throw new AppError('conflict', `batchId: score batch ${batchId} is ${batch.status}, not succeeded`);
  const version = await db().modelVersion.findUniqueOrThrow({ where: { id: batch.versionId }, select: { threshold: true, inputSchema: true, run: { select: { metrics: true } } } });
  const idField = ((version.inputSchema ?? []) as { name: string; use: string }[]).find((f) => f.use === 'id')?.name;
  const outcome = idField ? source.outcomes(idField) : null;
  if (!idField || !outcome) throw new AppError('unprocessable', `the outcomes need the id field${idField ? ` "${idField}"` : ''} to join customers`);
  const scores = await db().customerScore.findMany({ where: { batchId }, select: { customerId: true, probability: true } });
  const y: number[] = [];
  const p: number[] = [];
  for (const s of scores) {
    const o = outcome.get(s.customerId);
    if (o === undefined) continue;
    y.push(o);
    p.push(s.probability);
  }
  if (y.length === 0) throw new AppError('unprocessable', `none of the batch's ${scores.length} customers has an outcome in snapshot "${source.name}"`);
  const positives = y.reduce((a, b) => a + b, 0);
  const cls = scoresFromConfusion(confusionMatrix(y, p, version.threshold));
  const trainingAuc = (version.run.metrics as { rocAuc?: unknown }).rocAuc;
  const values = {
    modelName: batch.modelName,
    modelVersion: batch.modelVersion,
    batchDate: batch.batchDate,
    matched: y.length,
    positives,
    rocAuc: positives > 0 && positives < y.length ? rocAuc(y, p) : null,
    trainingAuc: typeof trainingAuc === 'number' ? trainingAuc : null,
    threshold: version.threshold,
    precision: cls.precision,
    recall: cls.recall,
    f1: cls.f1,
    calibration: calibrationCurve(y, p, { nBins: 10 }) as unknown as Prisma.InputJsonValue,
  };
  const row = await db().realizedPerformance.upsert({
    where: { batchId_outcomeSnapshotId: { batchId, outcomeSnapshotId: source.snapshotId } },
    create: { projectId, batchId, outcomeSnapshotId: source.snapshotId, ...values },
    update: values,
  });
  return toRealizedDTO(row);
}

/** One batch against one outcome snapshot, stored (the on-demand POST). */
export async function realizedPerformance(projectId: string, batchId: string, outcomeSnapshotId: string): Promise<RealizedPerformance> {
  const batch = await db().scoreBatch.findUnique({ where: { id: batchId }, select: { projectId: true } });
  if (!batch || batch.projectId !== projectId) throw new AppError('not_found', `batchId: no score batch ${batchId} in this project`);
  return realizeBatch(projectId, batchId, await loadOutcomes(projectId, outcomeSnapshotId));
}

type Row = Prisma.RealizedPerformanceGetPayload<object>;

export function toRealizedDTO(r: Row): RealizedPerformanceDTO {
  return { ...r, calibration: r.calibration as unknown as RealizedCalibrationBin[], createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

/** The project's realized rows, oldest batch first (`modelName` narrows to one model). */
export async function listRealized(projectId: string, opts: { limit?: number; modelName?: string } = {}): Promise<RealizedPerformanceDTO[]> {
  const rows = await db().realizedPerformance.findMany({
    where: { projectId, ...(opts.modelName ? { modelName: opts.modelName } : {}) },
    orderBy: [{ batchDate: 'desc' }, { updatedAt: 'desc' }],
    take: Math.min(Math.max(opts.limit ?? 200, 1), 1000),
  });
  return rows.reverse().map(toRealizedDTO);
}

/** The project's `auc_drop` rules against a realized performance: fires when training AUC − realized AUC > maxDrop. */
export async function evaluateRealized(projectId: string, r: Pick<RealizedPerformance, 'batchId' | 'outcomeSnapshotId' | 'modelName' | 'modelVersion' | 'rocAuc' | 'trainingAuc' | 'matched'>): Promise<number> {
  if (r.rocAuc === null || r.trainingAuc === null) return 0;
  let raised = 0;
  const rules = await db().alertRule.findMany({ where: { projectId, kind: 'auc_drop', enabled: true } });
  for (const rule of rules) {
    const p = parseRuleParams('auc_drop', rule.params) as { maxDrop: number; severity: 'info' | 'warning' | 'critical' };
    const drop = r.trainingAuc - r.rocAuc;
    if (drop <= p.maxDrop) continue;
    const a = await raiseAlert({ projectId, ruleId: rule.id, kind: 'auc_drop', severity: p.severity, title: `realized ROC AUC ${r.rocAuc.toFixed(3)} is ${drop.toFixed(3)} below training ${r.trainingAuc.toFixed(3)} (${r.modelName} v${r.modelVersion})`, detail: { batchId: r.batchId, outcomeSnapshotId: r.outcomeSnapshotId, rocAuc: r.rocAuc, trainingAuc: r.trainingAuc, drop, matched: r.matched }, dedupeKey: `auc_drop:${rule.id}:${r.modelName}:${r.modelVersion}`, webhookUrl: rule.webhookUrl });
    if (a.created) raised++;
  }
  return raised;
}
