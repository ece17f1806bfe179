/** The quick GBDT: lib/ml/gbdt with small defaults, the server's sklearn-named params, split-gain importance. */
import { splitGainImportance } from '@/lib/ml/explain';
import { fitHistGradientBoosting, GbdtAbortError, type HistGradientBoostingParams } from '@/lib/ml/gbdt';
import { QuickModelError } from './errors';
import type { QuickFitOutput, QuickProgressFn } from './types';

/**
 * Small and fast on purpose: a first read in seconds, not the best model. Early stopping is off so the progress
 * bar runs to max_iter and the result does not depend on an inner validation split.
 */
export const QUICK_GBDT_DEFAULTS: Readonly<Partial<HistGradientBoostingParams>> = Object.freeze({
  learning_rate: 0.1,
  max_iter: 50,
  max_leaf_nodes: 15,
  max_depth: null,
  min_samples_leaf: 20,
  l2_regularization: 0,
  early_stopping: false,
});

/** Fits on the training matrix; `params` override the quick defaults (unknown or bad keys → RangeError naming them). */
export function fitQuickGbdt(
  X: Float64Array,
  y: Uint8Array,
  featureNames: string[],
  params: Partial<HistGradientBoostingParams>,
  seed: number,
  onProgress: QuickProgressFn,
  signal?: AbortSignal,
): QuickFitOutput {
  const p = { ...QUICK_GBDT_DEFAULTS, random_state: seed, ...params };
  const total = p.max_iter ?? 100;
  let model;
  try {
    model = fitHistGradientBoosting(X, y, p, {
      featureNames,
      signal,
      onIteration: (i) => onProgress({ phase: 'fitting', iteration: i.iteration, total, trainLoss: i.trainLoss }),
    });
  } catch (err) {
    if (err instanceof GbdtAbortError || signal?.aborted) throw new QuickModelError('aborted', 'the quick model was cancelled');
    throw err;
  }
  const gain = splitGainImportance(model);
  let sum = 0;
  for (const g of gain) sum += g;
  return {
    model,
    params: p,
    // Share of the total split gain, so bars read as "fraction of what the trees learned".
    importances: featureNames.map((feature, j) => ({ feature, value: sum > 0 ? gain[j] / sum : 0, sign: 1 as const })),
    importanceLabel: 'share of split gain',
    transformX: (x) => x,
  };
}
