/**
 * Realized performance of a scoring batch: once churn outcomes arrive (a later snapshot with the target column),
 * the batch's customers are joined by the version's id field and scored against what happened: ROC AUC,
 * precision/recall/F1 at the version's threshold, calibration (10 uniform bins). Compared with the champion
 * run's holdout AUC by the `auc_drop` rules. Computed on demand (no table stores it yet).
 */
import { isMissing } from '@/lib/data/table';
import { calibrationCurve, confusionMatrix, rocAuc, scoresFromConfusion, type CalibrationBin } from '@/lib/ml/metrics';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { loadSnapshotTable } from '@/lib/server/snapshots/snapshots';
import { parseRuleParams } from './alert-rules';
import { raiseAlert } from './alerts';

export interface RealizedPerformance {
  batchId: string;
  outcomeSnapshotId: string;
  modelName: string;
  modelVersion: number;
  matched: number;
  positives: number;
  rocAuc: number | null;
  /** the champion run's holdout ROC AUC (lineage metrics), for the drop */
  trainingAuc: number | null;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  calibration: CalibrationBin[];
}

export async function realizedPerformance(projectId: string, batchId: string, outcomeSnapshotId: string): Promise<RealizedPerformance> {
  const batch = await db().scoreBatch.findUnique({ where: { id: batchId } });
  if (!batch || batch.projectId !== projectId) throw new AppError('not_found', `batchId: no score batch ${batchId} in this project`);
  const version = await db().modelVersion.findUniqueOrThrow({ where: { id: batch.versionId }, select: { threshold: true, inputSchema: true, run: { select: { metrics: true } } } });
  const { snapshot, data } = await loadSnapshotTable(outcomeSnapshotId);
  if (snapshot.projectId !== projectId) throw new AppError('not_found', `outcomeSnapshotId: no snapshot ${outcomeSnapshotId} in this project`);
  if (!snapshot.targetColumn || snapshot.positiveValue === null) throw new AppError('unprocessable', `snapshot "${snapshot.name}" has no target column: it cannot carry outcomes`);
  const idField = ((version.inputSchema ?? []) as { name: string; use: string }[]).find((f) => f.use === 'id')?.name;
  if (!idField || !data.table.columnNames().includes(idField)) throw new AppError('unprocessable', `the outcomes need the id field${idField ? ` "${idField}"` : ''} to join customers`);
  const ids = data.table.array(idField);
  const target = data.table.array(snapshot.targetColumn);
  const outcome = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) if (!isMissing(ids[i]) && !isMissing(target[i])) outcome.set(String(ids[i]), String(target[i]) === snapshot.positiveValue ? 1 : 0);
  const scores = await db().customerScore.findMany({ where: { batchId }, select: { customerId: true, probability: true } });
  const y: number[] = [];
  const p: number[] = [];
  for (const s of scores) {
    const o = outcome.get(s.customerId);
    if (o === undefined) continue;
    y.push(o);
    p.push(s.probability);
  }
  if (y.length === 0) throw new AppError('unprocessable', `none of the batch's ${scores.length} customers has an outcome in snapshot "${snapshot.name}"`);
  const positives = y.reduce((a, b) => a + b, 0);
  const auc = positives > 0 && positives < y.length ? rocAuc(y, p) : null;
  const cls = scoresFromConfusion(confusionMatrix(y, p, version.threshold));
  const trainingAuc = (version.run.metrics as { rocAuc?: unknown }).rocAuc;
  return {
    batchId,
    outcomeSnapshotId,
    modelName: batch.modelName,
    modelVersion: batch.modelVersion,
    matched: y.length,
    positives,
    rocAuc: auc,
    trainingAuc: typeof trainingAuc === 'number' ? trainingAuc : null,
    threshold: version.threshold,
    precision: cls.precision,
    recall: cls.recall,
    f1: cls.f1,
    calibration: calibrationCurve(y, p, { nBins: 10 }),
  };
}

/** The project's `auc_drop` rules against a realized performance: fires when training AUC − realized AUC > maxDrop. */
export async function evaluateRealized(projectId: string, r: RealizedPerformance): Promise<number> {
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
