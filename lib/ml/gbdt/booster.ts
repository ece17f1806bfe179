/**
 * The fit loop (sklearn gradient_boosting.py BaseHistGradientBoosting.fit) for binary log loss.
 *
 * Degenerate inputs: 0 rows, mismatched lengths, non-0/1 labels, negative/non-finite weights → RangeError.
 * A constant target (or a single row) gives a defined baseline-only model: `nIter = 0`, no trees, raw margin
 * = clipped log-odds of the prior (probability 10ε or 1 − 10ε).
 */
import { fitBinMapper, transformBins } from './binning';
import { makeHistogramLayout } from './dtypes';
import { TreeGrower } from './grower';
import { baselineLogOdds, gradientHessian, meanLogLoss } from './loss';
import { resolveParams, type HistGradientBoostingParams } from './params';
import { ModelBuilder } from './model-builder';
import type { GbdtModel } from './predictor';
import { entropySeed, RandomState } from './rng';
import { stratifiedTrainTestSplit } from './train-test-split';

export interface IterationInfo {
  /** Number of trees fitted so far (1-based). */
  iteration: number;
  /** Mean (weighted) log loss on the training rows. */
  trainLoss: number;
  /** Mean (weighted) log loss on the validation rows; null without a validation split. */
  validationLoss: number | null;
}

export interface FitOptions {
  /** One name per column of X; its length defines nFeatures. */
  featureNames: string[];
  /** Per-row weights ≥ 0, length nRows. */
  sampleWeight?: ArrayLike<number> | null;
  /** Called after every iteration (losses are computed only when this is given or early stopping is on). */
  onIteration?: (info: IterationInfo) => void;
  /** Checked between iterations; aborting throws an error named 'AbortError'. */
  signal?: AbortSignal;
}

/** Thrown when `signal` aborts a fit. */
export class GbdtAbortError extends Error {
  constructor(message = 'gbdt fit aborted') {
    super(message);
    this.name = 'AbortError';
  }
}

/**
 * Fit a binary histogram gradient-boosting classifier.
 * @param X row-major Float64Array, nRows × featureNames.length, NaN = missing
 * @param y labels 0/1, length nRows
 * @param params sklearn-named hyper-parameters (see `HistGradientBoostingParams`)
 */
export function fitHistGradientBoosting(
  X: Float64Array,
  y: ArrayLike<number>,
  params: Partial<HistGradientBoostingParams>,
  opts: FitOptions,
): GbdtModel {
  const p = resolveParams(params);
  if (!(X instanceof Float64Array)) throw new TypeError('X must be a Float64Array (row-major, NaN for missing)');
  if (!opts || !Array.isArray(opts.featureNames)) throw new TypeError('opts.featureNames must be an array of strings');
  const featureNames = opts.featureNames;
  const nFeatures = featureNames.length;
  if (nFeatures < 1) throw new RangeError('featureNames must name at least one feature');
  if (X.length % nFeatures !== 0) throw new RangeError(`X length ${X.length} is not a multiple of nFeatures ${nFeatures}`);
  const nRows = X.length / nFeatures;
  if (nRows < 1) throw new RangeError('X has 0 rows');
  if (y.length !== nRows) throw new RangeError(`y has length ${y.length}, expected ${nRows} (rows of X)`);
  const yAll = new Uint8Array(nRows);
  let nPos = 0;
  for (let i = 0; i < nRows; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) throw new RangeError(`y[${i}] must be 0 or 1, got ${v}`);
    yAll[i] = v;
    nPos += v;
  }
  let sw: Float64Array | null = null;
  if (opts.sampleWeight != null) {
    const w = opts.sampleWeight;
    if (w.length !== nRows) throw new RangeError(`sampleWeight has length ${w.length}, expected ${nRows}`);
    sw = new Float64Array(nRows);
    for (let i = 0; i < nRows; i++) {
      if (!(w[i] >= 0) || !Number.isFinite(w[i])) throw new RangeError(`sampleWeight[${i}] must be finite and ≥ 0, got ${w[i]}`);
      sw[i] = w[i];
    }
  }
  if (p.class_weight !== null) {
    const cw = p.class_weight === 'balanced' ? [nRows / (2 * Math.max(1, nRows - nPos)), nRows / (2 * Math.max(1, nPos))] : [p.class_weight[0], p.class_weight[1]];
    if (sw === null) sw = new Float64Array(nRows).fill(1);
    for (let i = 0; i < nRows; i++) sw[i] *= cw[yAll[i]];
  }
  const storedParams = { ...p };
  const builder = new ModelBuilder();
  if (nPos === 0 || nPos === nRows) {
    return builder.build({ featureNames, baseline: baselineLogOdds(yAll, sw, null), nIter: 0, params: storedParams });
  }

  const rs = new RandomState(p.random_state ?? entropySeed());
  const randomSeed = rs.randomSeedUint32();
  const doEarlyStopping = p.early_stopping === 'auto' ? nRows > 10000 : p.early_stopping;
  const useValidation = doEarlyStopping && p.validation_fraction !== null;
  let trainRows: Uint32Array | null = null;
  let valRows: Uint32Array | null = null;
  if (useValidation) {
    const split = stratifiedTrainTestSplit(yAll, p.validation_fraction as number, randomSeed);
    trainRows = split.train;
    valRows = split.test;
  }
  const nTrain = trainRows ? trainRows.length : nRows;
  const gather = <T extends Uint8Array | Float64Array>(src: T, rows: Uint32Array, make: (n: number) => T): T => {
    const out = make(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = src[rows[i]];
    return out;
  };
  const yTrain = trainRows ? gather(yAll, trainRows, (n) => new Uint8Array(n)) : yAll;
  const swTrain = sw && trainRows ? gather(sw, trainRows, (n) => new Float64Array(n)) : sw;
  const yVal = valRows ? gather(yAll, valRows, (n) => new Uint8Array(n)) : null;
  const swVal = sw && valRows ? gather(sw, valRows, (n) => new Float64Array(n)) : null;

  const mapper = fitBinMapper(X, nFeatures, trainRows, p.max_bins, randomSeed);
  const { bins, hasMissing } = transformBins(mapper, X, nFeatures, trainRows);
  const layout = makeHistogramLayout(mapper.nBinsNonMissing, hasMissing);
  // validation rows binned once: each new tree is then scored on small integers (same leaves as the artifact)
  const valBins = valRows ? transformBins(mapper, X, nFeatures, valRows).bins : null;
  const baseline = baselineLogOdds(yTrain, swTrain, null);
  const raw = new Float64Array(nTrain).fill(baseline);
  const rawVal = valRows ? new Float64Array(valRows.length).fill(baseline) : null;
  const gradients = new Float32Array(nTrain);
  const hessians = new Float32Array(nTrain);
  const grower = new TreeGrower({
    bins,
    nRows: nTrain,
    layout,
    hasMissing,
    missingBin: mapper.missingBin,
    thresholds: mapper.thresholds,
    maxLeafNodes: p.max_leaf_nodes,
    maxDepth: p.max_depth,
    minSamplesLeaf: p.min_samples_leaf,
    l2Regularization: p.l2_regularization,
    shrinkage: p.learning_rate,
  });

  const wantLoss = doEarlyStopping || opts.onIteration !== undefined;
  const trainLoss: number[] = [];
  const validationLoss: number[] = [];
  // scores are −loss (higher is better), starting with the baseline's, as sklearn
  const scores: number[] = [];
  if (doEarlyStopping) {
    const l0 = useValidation ? meanLogLoss(yVal as Uint8Array, rawVal as Float64Array, swVal) : meanLogLoss(yTrain, raw, swTrain);
    scores.push(-l0);
  }
  const signal = opts.signal;
  let nIter = 0;
  for (let it = 0; it < p.max_iter; it++) {
    if (signal?.aborted) throw new GbdtAbortError();
    gradientHessian(yTrain, raw, swTrain, gradients, hessians);
    const tree = grower.grow(gradients, hessians);
    grower.addLeafValues(raw);
    builder.append(tree);
    if (valRows && valBins && rawVal) grower.addTreePredictionsBinned(valBins, valRows.length, rawVal);
    nIter = it + 1;
    if (!wantLoss) continue;
    const tl = meanLogLoss(yTrain, raw, swTrain);
    const vl = useValidation ? meanLogLoss(yVal as Uint8Array, rawVal as Float64Array, swVal) : null;
    trainLoss.push(tl);
    if (vl !== null) validationLoss.push(vl);
    opts.onIteration?.({ iteration: nIter, trainLoss: tl, validationLoss: vl });
    if (doEarlyStopping) {
      scores.push(-(vl ?? tl));
      if (shouldStop(scores, p.n_iter_no_change, p.tol)) break;
    }
  }
  if (signal?.aborted) throw new GbdtAbortError();
  return builder.build({
    featureNames,
    baseline,
    nIter,
    params: storedParams,
    binThresholds: mapper.thresholds.map((t) => Array.from(t)),
    history: wantLoss ? { trainLoss, validationLoss } : undefined,
  });
}

/** sklearn `_should_stop`: no score among the last n_iter_no_change beats the reference by more than tol. */
function shouldStop(scores: number[], nIterNoChange: number, tol: number): boolean {
  const ref = nIterNoChange + 1;
  if (scores.length < ref) return false;
  const refScore = scores[scores.length - ref] + tol;
  for (let i = scores.length - ref + 1; i < scores.length; i++) if (scores[i] > refScore) return false;
  return true;
}
