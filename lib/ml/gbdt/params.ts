/**
 * Hyper-parameters of `fitHistGradientBoosting`: names and defaults are scikit-learn's
 * `HistGradientBoostingClassifier` (binary log loss). Validation throws `RangeError` naming the parameter.
 */

export type ClassWeight = 'balanced' | { 0: number; 1: number } | null;

export interface HistGradientBoostingParams {
  /** Shrinkage applied to leaf values. > 0. Default 0.1. */
  learning_rate: number;
  /** Maximum number of boosting iterations (trees). Integer ≥ 1. Default 100. */
  max_iter: number;
  /** Maximum leaves per tree, integer ≥ 2, or null (unbounded). Default 31. */
  max_leaf_nodes: number | null;
  /** Maximum depth (root = 0), integer ≥ 1, or null. Default null. */
  max_depth: number | null;
  /** Minimum samples per leaf. Integer ≥ 1. Default 20. */
  min_samples_leaf: number;
  /** L2 penalty on leaf values. ≥ 0. Default 0. */
  l2_regularization: number;
  /** Non-missing bins per feature, integer in [2, 255]. Default 255. */
  max_bins: number;
  /** 'auto' = on when n_samples > 10000. Default 'auto'. */
  early_stopping: 'auto' | boolean;
  /** Early-stopping score; only 'loss' is supported. Default 'loss'. */
  scoring: 'loss';
  /** Held-out fraction in (0, 1), absolute count ≥ 1, or null (score on training data). Default 0.1. */
  validation_fraction: number | null;
  /** Stop when the score did not improve by more than `tol` over this many iterations. Default 10. */
  n_iter_no_change: number;
  /** Minimum improvement. ≥ 0. Default 1e-7. */
  tol: number;
  /** Per-class weights multiplied into sample weights. Default null. */
  class_weight: ClassWeight;
  /** Seed in [0, 2^32 − 1] (numpy RandomState semantics) or null for a random seed. Default null. */
  random_state: number | null;
}

export const DEFAULT_PARAMS: Readonly<HistGradientBoostingParams> = Object.freeze({
  learning_rate: 0.1,
  max_iter: 100,
  max_leaf_nodes: 31,
  max_depth: null,
  min_samples_leaf: 20,
  l2_regularization: 0,
  max_bins: 255,
  early_stopping: 'auto',
  scoring: 'loss',
  validation_fraction: 0.1,
  n_iter_no_change: 10,
  tol: 1e-7,
  class_weight: null,
  random_state: null,
});

const KNOWN = new Set(Object.keys(DEFAULT_PARAMS));

function fail(name: string, value: unknown, want: string): never {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = String(value);
  }
  throw new RangeError(`${name} must be ${want}, got ${shown}`);
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Merge `params` over the defaults and validate. Unknown keys are rejected. */
export function resolveParams(params: Partial<HistGradientBoostingParams> = {}): HistGradientBoostingParams {
  if (params === null || typeof params !== 'object') throw new TypeError('params must be an object');
  for (const k of Object.keys(params)) {
    if (!KNOWN.has(k)) throw new RangeError(`unknown parameter ${k}`);
  }
  const p: HistGradientBoostingParams = { ...DEFAULT_PARAMS };
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined) (p as unknown as Record<string, unknown>)[k] = v;
  }
  if (!isNum(p.learning_rate) || p.learning_rate <= 0) fail('learning_rate', p.learning_rate, 'a number > 0');
  if (!isInt(p.max_iter) || p.max_iter < 1) fail('max_iter', p.max_iter, 'an integer ≥ 1');
  if (p.max_leaf_nodes !== null && (!isInt(p.max_leaf_nodes) || p.max_leaf_nodes < 2)) {
    fail('max_leaf_nodes', p.max_leaf_nodes, 'an integer ≥ 2 or null');
  }
  if (p.max_depth !== null && (!isInt(p.max_depth) || p.max_depth < 1)) fail('max_depth', p.max_depth, 'an integer ≥ 1 or null');
  if (!isInt(p.min_samples_leaf) || p.min_samples_leaf < 1) fail('min_samples_leaf', p.min_samples_leaf, 'an integer ≥ 1');
  if (!isNum(p.l2_regularization) || p.l2_regularization < 0) fail('l2_regularization', p.l2_regularization, 'a number ≥ 0');
  if (!isInt(p.max_bins) || p.max_bins < 2 || p.max_bins > 255) fail('max_bins', p.max_bins, 'an integer in [2, 255]');
  if (p.early_stopping !== 'auto' && typeof p.early_stopping !== 'boolean') {
    fail('early_stopping', p.early_stopping, "'auto', true or false");
  }
  if (p.scoring !== 'loss') fail('scoring', p.scoring, "'loss'");
  const vf = p.validation_fraction;
  if (vf !== null && !(isNum(vf) && ((vf > 0 && vf < 1) || (isInt(vf) && vf >= 1)))) {
    fail('validation_fraction', vf, 'a number in (0, 1), an integer ≥ 1, or null');
  }
  if (!isInt(p.n_iter_no_change) || p.n_iter_no_change < 1) fail('n_iter_no_change', p.n_iter_no_change, 'an integer ≥ 1');
  if (!isNum(p.tol) || p.tol < 0) fail('tol', p.tol, 'a number ≥ 0');
  const cw = p.class_weight;
  if (cw !== null && cw !== 'balanced') {
    const o = cw as Record<string, unknown>;
    if (typeof cw !== 'object' || !isNum(o[0]) || !isNum(o[1]) || (o[0] as number) < 0 || (o[1] as number) < 0) {
      fail('class_weight', cw, "'balanced', {0: w0, 1: w1} with finite weights ≥ 0, or null");
    }
  }
  if (p.random_state !== null && (!isInt(p.random_state) || p.random_state < 0 || p.random_state > 0xffffffff)) {
    fail('random_state', p.random_state, 'an integer in [0, 4294967295] or null');
  }
  return p;
}
