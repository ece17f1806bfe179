/**
 * Binary classification metrics, sklearn semantics. Inputs: `yTrue` 0/1 labels, `yScore` scores (probabilities
 * where the metric needs them), optional non-negative `sampleWeight`. Errors: TypeError for non-array input or
 * NaN scores; RangeError for length mismatch, empty input, non-0/1 labels, probabilities outside [0, 1], and
 * metrics undefined for the data (ROC AUC / ROC curve on single-class yTrue, AP / PR curve / lift without positives).
 */
export { binaryClfCurve, type BinaryClfCurve } from './binary-clf-curve';
export { confusionMatrix, type ConfusionMatrix } from './confusion-matrix';
export {
  accuracy,
  precision,
  recall,
  f1Score,
  scoresFromConfusion,
  type ClassificationScores,
} from './classification-scores';
export { rocCurve, rocAuc, type RocCurve, type RocCurveOptions } from './roc';
export { precisionRecallCurve, averagePrecision, type PrCurve } from './precision-recall';
export { logLoss } from './log-loss';
export { brierScore } from './brier-score';
export { calibrationCurve, calibrationBinEdges, type CalibrationBin, type CalibrationOptions } from './calibration';
export { liftTable, type LiftRow } from './lift';
export { downsampleIndices } from './downsample';
export {
  evaluateBinary,
  type BinaryEvaluation,
  type EvaluateOptions,
  type RocCurveJSON,
  type PrCurveJSON,
} from './evaluate';
