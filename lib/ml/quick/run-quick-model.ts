/**
 * One quick model, start to finish, in pure TypeScript (the browser runs it in a Web Worker): labels, split and
 * features (prepare.ts), fit (GBDT or tfjs logistic regression), holdout metrics and top importances.
 */
import type { TableLike } from '@/lib/data/table';
import { averagePrecision, logLoss, rocAuc } from '@/lib/ml/metrics';
import { QuickModelError } from './errors';
import { fitQuickGbdt } from './fit-gbdt';
import { prepareQuickData, type SavedSpec } from './prepare';
import type { QuickFitOutput, QuickModelKind, QuickModelResult, QuickProgress } from './types';

export interface QuickModelInput {
  kind: QuickModelKind;
  table: TableLike;
  /** The snapshot's target column and positive value (both needed). */
  target: string | null;
  positiveValue: string | null;
  /** The project's latest saved feature spec, or null to derive one from the data. */
  savedSpec: SavedSpec | null;
  /** Split and model seed; default 42. */
  seed?: number;
  /** Holdout fraction; default 0.2. */
  testFraction?: number;
  /** Family params over the quick defaults (GBDT: sklearn names; LR: epochs, batchSize, learningRate, l2). */
  params?: Record<string, unknown>;
  /** How many importances to return; default 10. */
  topK?: number;
}

/** Progress with the overall fraction in [0, 1] and a one-line message for the progress bar. */
export type QuickRunProgress = QuickProgress & { fraction: number; message: string };

export interface QuickRunOptions {
  onProgress?: (p: QuickRunProgress) => void;
  /** Checked between phases, boosting iterations and epochs; an abort rejects with QuickModelError('aborted'). */
  signal?: AbortSignal;
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new QuickModelError('aborted', 'the quick model was cancelled');
}

/** Runs the quick model; rejects with QuickModelError for data the user can fix, other errors are bugs. */
export async function runQuickModel(input: QuickModelInput, options: QuickRunOptions = {}): Promise<QuickModelResult> {
  const { signal } = options;
  const report = options.onProgress ?? (() => {});
  if (input.kind !== 'gbdt' && input.kind !== 'logreg') {
    throw new QuickModelError('bad_input', `kind must be "gbdt" or "logreg", got ${JSON.stringify(input.kind)}`);
  }
  const seed = input.seed ?? 42;
  const topK = input.topK ?? 10;
  const t0 = performance.now();
  checkAbort(signal);
  report({ phase: 'preparing', fraction: 0.02, message: 'fitting the feature spec on the training rows' });
  const data = prepareQuickData(input.table, input.target, input.positiveValue, input.savedSpec, { seed, testFraction: input.testFraction });
  checkAbort(signal);

  const onFit = (p: QuickProgress) => {
    const frac = p.iteration && p.total ? p.iteration / p.total : 0;
    const unit = input.kind === 'gbdt' ? 'iteration' : 'epoch';
    report({ ...p, fraction: 0.1 + 0.8 * frac, message: `${unit} ${p.iteration} of ${p.total}` });
  };
  report({ phase: 'fitting', fraction: 0.1, message: `fitting on ${data.yTrain.length.toLocaleString('en-US')} rows` });
  const tFit = performance.now();
  const params = (input.params ?? {}) as Record<string, never>;
  let out: QuickFitOutput;
  if (input.kind === 'gbdt') {
    out = fitQuickGbdt(data.Xtrain, data.yTrain, data.featureNames, params, seed, onFit, signal);
  } else {
    // Loaded on demand: tfjs is large and the GBDT path never needs it.
    const { fitQuickLogreg } = await import('./fit-logreg');
    out = await fitQuickLogreg(data.Xtrain, data.yTrain, data.featureNames, params, seed, onFit, signal);
  }
  const fitMs = performance.now() - tFit;
  checkAbort(signal);

  report({ phase: 'evaluating', fraction: 0.92, message: 'scoring the holdout' });
  const nTest = data.yTest.length;
  const proba = out.model.predictProbaBatch(out.transformX(data.Xtest), nTest);
  const importances = [...out.importances].sort((a, b) => b.value - a.value).slice(0, topK);
  return {
    kind: input.kind,
    rocAuc: rocAuc(data.yTest, proba),
    prAuc: averagePrecision(data.yTest, proba),
    logLoss: logLoss(data.yTest, proba),
    rowsUsed: data.rowsUsed,
    trainRows: data.yTrain.length,
    testRows: nTest,
    positiveRate: data.positives / data.rowsUsed,
    featureCount: data.featureNames.length,
    fitMs,
    totalMs: performance.now() - t0,
    importances,
    importanceLabel: out.importanceLabel,
    specSource: data.specSource,
    specNote: data.specNote,
    params: out.params,
  };
}
