/** The two quick families; the names are the server's `family` values, so "train on the server" can reuse them. */
export type QuickModelKind = 'gbdt' | 'logreg';

export const QUICK_MODEL_KINDS: { value: QuickModelKind; label: string }[] = [
  { value: 'gbdt', label: 'Small GBDT (ChurnLab engine)' },
  { value: 'logreg', label: 'Logistic regression (tfjs)' },
];

/** One progress report: `fraction` in [0, 1] over the whole run; iteration/total while fitting. */
export interface QuickProgress {
  phase: 'preparing' | 'fitting' | 'evaluating';
  /** 1-based boosting iteration or epoch. */
  iteration?: number;
  total?: number;
  trainLoss?: number;
}

export type QuickProgressFn = (p: QuickProgress) => void;

/** One feature's importance; `sign` is the direction of a logistic-regression coefficient (+1 raises churn risk). */
export interface QuickImportance {
  feature: string;
  value: number;
  sign: 1 | -1;
}

/** What a family's fit hands back to the runner. */
export interface QuickFitOutput {
  /** Scores rows of the model's inputs (after `transformX`); GbdtModel and TfLogisticRegression both fit. */
  model: { predictProbaBatch(X: Float64Array, nRows: number): Float64Array };
  /** The parameters actually used (defaults filled). */
  params: Record<string, unknown>;
  importances: QuickImportance[];
  importanceLabel: string;
  /** Maps a holdout matrix to the model's inputs (the LR's standardization; identity for GBDT). */
  transformX: (X: Float64Array) => Float64Array;
}

/** The first read shown in the panel. Metrics are on the stratified holdout of the sample. */
export interface QuickModelResult {
  kind: QuickModelKind;
  rocAuc: number;
  prAuc: number;
  logLoss: number;
  /** Labelled rows of the sample (train + holdout). */
  rowsUsed: number;
  trainRows: number;
  testRows: number;
  positiveRate: number;
  featureCount: number;
  /** Wall time of the model fit alone, milliseconds. */
  fitMs: number;
  /** Wall time of the whole run (features, fit, evaluation), milliseconds. */
  totalMs: number;
  /** Top features, most important first (at most `topK`). */
  importances: QuickImportance[];
  importanceLabel: string;
  specSource: 'saved' | 'seed' | 'profile';
  specNote: string;
  params: Record<string, unknown>;
}
