import { confusionMatrix, type ConfusionMatrix } from './confusion-matrix';

/** Threshold metrics derived from a confusion matrix; 0/0 gives 0 (sklearn `zero_division=0`). */
export interface ClassificationScores {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** True negative rate tn / (tn + fp). */
  specificity: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Accuracy, precision, recall, F1 and specificity of one confusion matrix. */
export function scoresFromConfusion(cm: ConfusionMatrix): ClassificationScores {
  const { tn, fp, fn, tp } = cm;
  return {
    accuracy: ratio(tp + tn, tp + tn + fp + fn),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    specificity: ratio(tn, tn + fp),
  };
}

type W = ArrayLike<number> | undefined;

/** Fraction (weighted) of rows whose prediction (score ≥ threshold) matches the label. */
export const accuracy = (yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5, w?: W): number =>
  scoresFromConfusion(confusionMatrix(yTrue, yScore, threshold, w)).accuracy;

/** tp / (tp + fp); 0 when nothing is predicted positive. */
export const precision = (yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5, w?: W): number =>
  scoresFromConfusion(confusionMatrix(yTrue, yScore, threshold, w)).precision;

/** tp / (tp + fn); 0 when there are no positives. */
export const recall = (yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5, w?: W): number =>
  scoresFromConfusion(confusionMatrix(yTrue, yScore, threshold, w)).recall;

/** 2tp / (2tp + fp + fn); 0 when tp = fp = fn = 0. */
export const f1Score = (yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5, w?: W): number =>
  scoresFromConfusion(confusionMatrix(yTrue, yScore, threshold, w)).f1;
