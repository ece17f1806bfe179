import { averagePrecisionUnchecked, precisionRecallCurve } from './precision-recall';
import { brierScore } from './brier-score';
import { calibrationCurve, type CalibrationBin } from './calibration';
import { scoresFromConfusion } from './classification-scores';
import { confusionMatrix, type ConfusionMatrix } from './confusion-matrix';
import { downsampleIndices, pick } from './downsample';
import { liftTable, type LiftRow } from './lift';
import { logLoss } from './log-loss';
import { rocAucUnchecked, rocCurve } from './roc';
import { checkBinaryInputs, checkProbabilities, checkThreshold, classTotals } from './validate';

/** ROC curve for storage; thresholds[0] is null, standing for +Infinity (predict nothing positive). */
export interface RocCurveJSON {
  fpr: number[];
  tpr: number[];
  thresholds: (number | null)[];
}

/** PR curve for storage, sklearn layout: thresholds ascending, one fewer than points; last point (1, 0). */
export interface PrCurveJSON {
  precision: number[];
  recall: number[];
  thresholds: number[];
}

/** Everything `evaluateBinary` computes; plain JSON (no NaN/Infinity, no typed arrays). */
export interface BinaryEvaluation {
  n: number;
  positives: number;
  prevalence: number;
  threshold: number;
  confusion: ConfusionMatrix;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  specificity: number;
  /** null when yTrue holds a single class. */
  rocAuc: number | null;
  /** Average precision; null when yTrue has no positives. */
  prAuc: number | null;
  logLoss: number;
  brier: number;
  rocCurve: RocCurveJSON | null;
  prCurve: PrCurveJSON | null;
  calibration: CalibrationBin[];
  /** Decile lift/gains table; null when yTrue has no positives. */
  lift: LiftRow[] | null;
  /** Human-readable notes, e.g. why a metric is null. */
  warnings: string[];
}

export interface EvaluateOptions {
  /** Curves are downsampled to at most this many points; default 200. */
  maxCurvePoints?: number;
  calibrationBins?: number;
  calibrationStrategy?: 'uniform' | 'quantile';
  liftBins?: number;
}

/**
 * All binary metrics for probability scores in one JSON object: threshold metrics at `threshold`
 * (score ≥ threshold ⇒ 1), ROC AUC, average precision, log loss, Brier, curves (≤ maxCurvePoints points),
 * calibration bins and the decile lift table. Metrics undefined for single-class data are null, with a warning.
 */
export function evaluateBinary(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  threshold = 0.5,
  options: EvaluateOptions = {},
): BinaryEvaluation {
  const n = checkBinaryInputs(yTrue, yScore, 'evaluateBinary');
  checkProbabilities(yScore, 'evaluateBinary');
  checkThreshold(threshold, 'evaluateBinary');
  const maxPoints = options.maxCurvePoints ?? 200;
  const { pos, neg } = classTotals(yTrue);
  const warnings: string[] = [];
  const confusion = confusionMatrix(yTrue, yScore, threshold);
  const scores = scoresFromConfusion(confusion);

  let rocAuc: number | null = null;
  let roc: RocCurveJSON | null = null;
  if (pos > 0 && neg > 0) {
    rocAuc = rocAucUnchecked(yTrue, yScore);
    const c = rocCurve(yTrue, yScore);
    const idx = downsampleIndices(c.fpr.length, maxPoints);
    roc = {
      fpr: pick(c.fpr, idx),
      tpr: pick(c.tpr, idx),
      thresholds: pick(c.thresholds, idx).map((t) => (Number.isFinite(t) ? t : null)),
    };
  } else {
    warnings.push(`yTrue holds only ${pos === 0 ? '0' : '1'}s: ROC AUC and ROC curve are undefined`);
  }

  let prAuc: number | null = null;
  let pr: PrCurveJSON | null = null;
  let lift: LiftRow[] | null = null;
  if (pos > 0) {
    prAuc = averagePrecisionUnchecked(yTrue, yScore);
    const c = precisionRecallCurve(yTrue, yScore);
    const idx = downsampleIndices(c.precision.length, maxPoints);
    pr = {
      precision: pick(c.precision, idx),
      recall: pick(c.recall, idx),
      thresholds: pick(c.thresholds, idx.slice(0, -1)),
    };
    lift = liftTable(yTrue, yScore, options.liftBins ?? 10);
  } else {
    warnings.push('yTrue has no positives: average precision, PR curve and lift are undefined');
  }

  return {
    n,
    positives: pos,
    prevalence: pos / n,
    threshold,
    confusion,
    ...scores,
    rocAuc,
    prAuc,
    logLoss: logLoss(yTrue, yScore),
    brier: brierScore(yTrue, yScore),
    rocCurve: roc,
    prCurve: pr,
    calibration: calibrationCurve(yTrue, yScore, {
      nBins: options.calibrationBins ?? 10,
      strategy: options.calibrationStrategy ?? 'uniform',
    }),
    lift,
    warnings,
  };
}
