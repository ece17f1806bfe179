/**
 * Global feature importance for a `GbdtModel`: mean |SHAP|, total split gain, and permutation importance.
 * All results are Float64Array(nFeatures) in `model.featureNames` order.
 */
import { RandomState, type GbdtModel } from '@/lib/ml/gbdt';
import { TreeShapExplainer } from './tree-shap';

/** Mean absolute SHAP value (raw-margin units) per feature over `nRows` rows of row-major X. */
export function meanAbsShap(model: GbdtModel, X: Float64Array, nRows: number): Float64Array {
  const nf = model.nFeatures;
  if (X.length < nRows * nf) throw new RangeError(`X has ${X.length} values, expected ${nRows} × ${nf}`);
  const ex = new TreeShapExplainer(model);
  const phi = new Float64Array(nf);
  const acc = new Float64Array(nf);
  for (let i = 0; i < nRows; i++) {
    ex.shapValues(X, i * nf, phi);
    for (let f = 0; f < nf; f++) acc[f] += Math.abs(phi[f]);
  }
  if (nRows > 0) for (let f = 0; f < nf; f++) acc[f] /= nRows;
  return acc;
}

/** Sum of split gains per feature over all trees (sklearn-style gain, no 1/2 factor). */
export function splitGainImportance(model: GbdtModel): Float64Array {
  const out = new Float64Array(model.nFeatures);
  for (let n = 0; n < model.feature.length; n++) {
    const f = model.feature[n];
    if (f >= 0) out[f] += model.gain[n];
  }
  return out;
}

export interface PermutationImportanceOptions {
  /** Shuffles per feature. Default 5. */
  nRepeats?: number;
  /** numpy RandomState seed for the shuffles. Default 0. */
  seed?: number;
}

export interface PermutationImportance {
  /** Metric on the unshuffled data. */
  baseline: number;
  /** Mean over repeats of (baseline − shuffled metric); higher = more important. */
  mean: Float64Array;
  /** Standard deviation over repeats. */
  std: Float64Array;
}

/**
 * Permutation importance: for each feature, shuffle its column (seeded) and measure the drop of
 * `metric(y, probabilities)` (higher-is-better metric, e.g. ROC AUC). X is not modified.
 */
export function permutationImportance(
  model: GbdtModel,
  X: Float64Array,
  nRows: number,
  y: ArrayLike<number>,
  metric: (yTrue: ArrayLike<number>, proba: Float64Array) => number,
  opts: PermutationImportanceOptions = {},
): PermutationImportance {
  const nf = model.nFeatures;
  const nRepeats = opts.nRepeats ?? 5;
  if (!Number.isInteger(nRepeats) || nRepeats < 1) throw new RangeError(`nRepeats must be an integer ≥ 1, got ${nRepeats}`);
  if (y.length !== nRows) throw new RangeError(`y has length ${y.length}, expected ${nRows}`);
  const rs = new RandomState(opts.seed ?? 0);
  const work = X.slice(0, nRows * nf);
  const col = new Float64Array(nRows);
  const baseline = metric(y, model.predictProbaBatch(work, nRows));
  const mean = new Float64Array(nf);
  const std = new Float64Array(nf);
  const drops = new Float64Array(nRepeats);
  for (let f = 0; f < nf; f++) {
    for (let i = 0; i < nRows; i++) col[i] = work[i * nf + f];
    for (let r = 0; r < nRepeats; r++) {
      const perm = rs.permutation(nRows);
      for (let i = 0; i < nRows; i++) work[i * nf + f] = col[perm[i]];
      drops[r] = baseline - metric(y, model.predictProbaBatch(work, nRows));
    }
    for (let i = 0; i < nRows; i++) work[i * nf + f] = col[i];
    let s = 0;
    for (let r = 0; r < nRepeats; r++) s += drops[r];
    const mu = s / nRepeats;
    let v = 0;
    for (let r = 0; r < nRepeats; r++) v += (drops[r] - mu) ** 2;
    mean[f] = mu;
    std[f] = Math.sqrt(v / nRepeats);
  }
  return { baseline, mean, std };
}
