/**
 * Realized performance rows (a scoring batch judged against outcomes that arrived later) and the pure helpers the
 * Monitor cell charts them with. Browser-safe: the DTO is what `GET …/monitor/realized` answers.
 */

/** One calibration bin of a realized row (10 uniform bins over [0, 1]; sklearn `calibration_curve` names). */
export interface RealizedCalibrationBin {
  binLower: number;
  binUpper: number;
  /** mean predicted probability in the bin */
  meanPredicted: number;
  /** observed churn rate in the bin */
  fractionPositive: number;
  count: number;
}

/** A stored realized performance: one (scoring batch, outcome snapshot) pair. */
export interface RealizedPerformanceDTO {
  id: string;
  projectId: string;
  batchId: string;
  outcomeSnapshotId: string;
  modelName: string;
  modelVersion: number;
  /** the scoring batch's date (YYYY-MM-DD): the x axis over time */
  batchDate: string;
  /** customers of the batch with an outcome in the snapshot */
  matched: number;
  /** of those, how many churned */
  positives: number;
  /** null when the matched customers are all one class (AUC undefined) */
  rocAuc: number | null;
  /** the version's holdout ROC AUC at training, for the drop */
  trainingAuc: number | null;
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  calibration: RealizedCalibrationBin[];
  createdAt: string;
  updatedAt: string;
}

/**
 * One point per scoring batch for the over-time chart: the row computed against the most recent outcomes
 * (latest `updatedAt`) wins, since later outcome snapshots know more of what happened. Sorted by batch date.
 */
export function latestPerBatch(rows: readonly RealizedPerformanceDTO[]): RealizedPerformanceDTO[] {
  const by = new Map<string, RealizedPerformanceDTO>();
  for (const r of rows) {
    const cur = by.get(r.batchId);
    if (!cur || r.updatedAt > cur.updatedAt) by.set(r.batchId, r);
  }
  return [...by.values()].sort((a, b) => (a.batchDate === b.batchDate ? a.createdAt.localeCompare(b.createdAt) : a.batchDate.localeCompare(b.batchDate)));
}

/** The row whose calibration the cell shows: the most recently computed one, or null. */
export function latestRealized(rows: readonly RealizedPerformanceDTO[]): RealizedPerformanceDTO | null {
  let best: RealizedPerformanceDTO | null = null;
  for (const r of rows) if (!best || r.updatedAt > best.updatedAt) best = r;
  return best;
}
