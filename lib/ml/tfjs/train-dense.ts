import * as tf from '@tensorflow/tfjs';
import type { DenseActivation, DenseLayerJSON, TrainingSummary } from './artifact';
import { checkTrainingData, createRng, shuffleInPlace, stratifiedSplit, type TrainingData } from './training-data';

export interface EpochProgress {
  /** 1-based. */
  epoch: number;
  epochs: number;
  /** Mean training objective over the epoch's batches (class-weighted BCE + L2 penalty). */
  loss: number;
  /** Unweighted BCE on the validation rows; undefined without validation. */
  valLoss?: number;
}

/** Training options shared by the logistic regression and the MLP. */
export interface TfFitOptions {
  /** Default 50. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Adam step size; default 0.01. */
  learningRate?: number;
  /** Penalty l2 · Σ w² over kernels (not biases), as Keras `regularizers.l2`; default 0. */
  l2?: number;
  /** Loss weight per class, or 'balanced' (n / (2 · n_class)); default none. */
  classWeight?: { 0: number; 1: number } | 'balanced';
  /** Fraction of rows (stratified, seeded) held out to report valLoss; default 0 (none). */
  validationFraction?: number;
  /** Stop after this many epochs without a valLoss improvement and keep the best epoch's weights; needs validationFraction. */
  earlyStoppingPatience?: number;
  /** Seeds initialisation, the validation split and batch shuffling; default 42. */
  seed?: number;
  onEpoch?: (p: EpochProgress) => void | Promise<void>;
  /** Checked between epochs; an aborted fit rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Network layout: hidden layers (possibly none), then one sigmoid output unit. */
export interface DenseSpec {
  hiddenUnits: readonly number[];
  hiddenActivation: DenseActivation;
}

export interface ResolvedFitParams {
  epochs: number;
  batchSize: number;
  learningRate: number;
  l2: number;
  classWeight: { 0: number; 1: number } | 'balanced' | null;
  validationFraction: number;
  earlyStoppingPatience: number | null;
  seed: number;
}

/** Fills defaults and checks ranges (RangeError naming the option). */
export function resolveFitParams(o: TfFitOptions, fn: string): ResolvedFitParams {
  const p: ResolvedFitParams = {
    epochs: o.epochs ?? 50,
    batchSize: o.batchSize ?? 32,
    learningRate: o.learningRate ?? 0.01,
    l2: o.l2 ?? 0,
    classWeight: o.classWeight ?? null,
    validationFraction: o.validationFraction ?? 0,
    earlyStoppingPatience: o.earlyStoppingPatience ?? null,
    seed: o.seed ?? 42,
  };
  const bad = (name: string, v: unknown, why: string): never => {
    throw new RangeError(`${fn}: ${name} = ${JSON.stringify(v)} ${why}`);
  };
  if (!Number.isInteger(p.epochs) || p.epochs < 1) bad('epochs', p.epochs, 'must be an integer ≥ 1');
  if (!Number.isInteger(p.batchSize) || p.batchSize < 1) bad('batchSize', p.batchSize, 'must be an integer ≥ 1');
  if (!(p.learningRate > 0 && Number.isFinite(p.learningRate))) bad('learningRate', p.learningRate, 'must be > 0');
  if (!(p.l2 >= 0 && Number.isFinite(p.l2))) bad('l2', p.l2, 'must be ≥ 0');
  if (!(p.validationFraction >= 0 && p.validationFraction < 1)) bad('validationFraction', p.validationFraction, 'must be in [0, 1)');
  if (p.earlyStoppingPatience !== null) {
    if (!Number.isInteger(p.earlyStoppingPatience) || p.earlyStoppingPatience < 1) {
      bad('earlyStoppingPatience', p.earlyStoppingPatience, 'must be an integer ≥ 1');
    }
    if (p.validationFraction === 0) bad('earlyStoppingPatience', p.earlyStoppingPatience, 'needs validationFraction > 0');
  }
  if (!Number.isInteger(p.seed)) bad('seed', p.seed, 'must be an integer');
  const cw = p.classWeight;
  if (cw !== null && cw !== 'balanced') {
    if (typeof cw !== 'object' || !(cw[0] >= 0) || !(cw[1] >= 0) || !Number.isFinite(cw[0] + cw[1])) {
      bad('classWeight', cw, 'must be "balanced" or { 0: w0, 1: w1 } with finite weights ≥ 0');
    }
  }
  return p;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('training aborted', 'AbortError');
}

/**
 * Fits a dense binary classifier with tfjs on the current backend (see initTfBackend): Adam, BCE on logits
 * (numerically stable), glorot-uniform kernels seeded per layer, zero biases. Returns plain float64 layers
 * whose last layer is sigmoid, and a training summary. All tensors are disposed, also on error/abort.
 */
export async function trainDenseNet(
  data: TrainingData,
  spec: DenseSpec,
  options: TfFitOptions,
  fn: string,
): Promise<{ layers: DenseLayerJSON[]; params: ResolvedFitParams; training: TrainingSummary }> {
  checkTrainingData(data, fn);
  const p = resolveFitParams(options, fn);
  const { X, y, nRows } = data;
  const d = data.featureNames.length;
  const rng = createRng(p.seed);

  let trainIdx: Int32Array;
  let valIdx: Int32Array | null = null;
  if (p.validationFraction > 0) {
    const s = stratifiedSplit(y, p.validationFraction, rng);
    trainIdx = s.train;
    valIdx = s.val;
  } else {
    trainIdx = new Int32Array(nRows);
    for (let i = 0; i < nRows; i++) trainIdx[i] = i;
  }

  let w0 = 1;
  let w1 = 1;
  if (p.classWeight === 'balanced') {
    let pos = 0;
    for (let k = 0; k < trainIdx.length; k++) pos += y[trainIdx[k]];
    const neg = trainIdx.length - pos;
    w0 = neg === 0 ? 0 : trainIdx.length / (2 * neg);
    w1 = pos === 0 ? 0 : trainIdx.length / (2 * pos);
  } else if (p.classWeight !== null) {
    w0 = p.classWeight[0];
    w1 = p.classWeight[1];
  }

  const gatherRows = (idx: Int32Array) => {
    const xs = new Float32Array(idx.length * d);
    const ys = new Float32Array(idx.length);
    const ws = new Float32Array(idx.length);
    for (let k = 0; k < idx.length; k++) {
      const r = idx[k];
      for (let j = 0; j < d; j++) xs[k * d + j] = X[r * d + j];
      ys[k] = y[r];
      ws[k] = y[r] === 1 ? w1 : w0;
    }
    return { xs, ys, ws };
  };

  const widths = [d, ...spec.hiddenUnits, 1];
  const kernels: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  const tensors: tf.Tensor[] = [];
  const optimizer = tf.train.adam(p.learningRate);
  try {
    for (let l = 0; l < widths.length - 1; l++) {
      const init = tf.initializers.glorotUniform({ seed: p.seed + l });
      // tf.variable copies its initial value: build inside tidy so the initial tensors are freed.
      kernels.push(tf.tidy(() => tf.variable(init.apply([widths[l], widths[l + 1]], 'float32'))));
      biases.push(tf.tidy(() => tf.variable(tf.zeros([widths[l + 1]]))));
    }
    const varList = [...kernels, ...biases];
    const train = gatherRows(trainIdx);
    const xTrain = tf.tensor2d(train.xs, [trainIdx.length, d]);
    const yTrain = tf.tensor2d(train.ys, [trainIdx.length, 1]);
    const wTrain = tf.tensor2d(train.ws, [trainIdx.length, 1]);
    tensors.push(xTrain, yTrain, wTrain);
    let xVal: tf.Tensor2D | null = null;
    let yVal: tf.Tensor2D | null = null;
    if (valIdx !== null) {
      const v = gatherRows(valIdx);
      xVal = tf.tensor2d(v.xs, [valIdx.length, d]);
      yVal = tf.tensor2d(v.ys, [valIdx.length, 1]);
      tensors.push(xVal, yVal);
    }

    const logits = (x: tf.Tensor2D): tf.Tensor2D => {
      let h = x;
      for (let l = 0; l < kernels.length; l++) {
        h = tf.add(tf.matMul(h, kernels[l]), biases[l]);
        if (l < kernels.length - 1) {
          if (spec.hiddenActivation === 'relu') h = tf.relu(h);
          else if (spec.hiddenActivation === 'tanh') h = tf.tanh(h);
          else if (spec.hiddenActivation === 'sigmoid') h = tf.sigmoid(h);
        }
      }
      return h;
    };
    // max(z, 0) − z·y + log(1 + e^−|z|): BCE on logits without overflow.
    const bce = (z: tf.Tensor2D, yy: tf.Tensor2D): tf.Tensor2D =>
      tf.add(tf.sub(tf.relu(z), tf.mul(z, yy)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));

    const perm = Int32Array.from(trainIdx.keys());
    let best = { epoch: 0, valLoss: Infinity, snapshot: null as Float32Array[] | null };
    let lastLoss = NaN;
    let lastVal: number | null = null;
    let epochsRun = 0;
    let stoppedEarly = false;
    for (let epoch = 1; epoch <= p.epochs; epoch++) {
      if (options.signal?.aborted) throw abortError(options.signal);
      shuffleInPlace(perm, rng);
      let lossSum = 0;
      for (let start = 0; start < perm.length; start += p.batchSize) {
        const stop = Math.min(start + p.batchSize, perm.length);
        const cost = tf.tidy((): tf.Scalar => {
          const idx = tf.tensor1d(perm.subarray(start, stop), 'int32');
          const xb = tf.gather(xTrain, idx) as tf.Tensor2D;
          const yb = tf.gather(yTrain, idx) as tf.Tensor2D;
          const wb = tf.gather(wTrain, idx) as tf.Tensor2D;
          const c = optimizer.minimize(
            () => {
              let loss = tf.mean(tf.mul(bce(logits(xb), yb), wb)) as tf.Scalar;
              if (p.l2 > 0) for (const k of kernels) loss = tf.add(loss, tf.mul(p.l2, tf.sum(tf.square(k))));
              return loss;
            },
            true,
            varList,
          );
          return c as tf.Scalar; // returnCost = true ⇒ never null
        });
        lossSum += cost.dataSync()[0] * (stop - start);
        cost.dispose();
      }
      lastLoss = lossSum / perm.length;
      epochsRun = epoch;
      let valLoss: number | undefined;
      if (xVal !== null && yVal !== null) {
        valLoss = tf.tidy(() => tf.mean(bce(logits(xVal), yVal)).dataSync()[0]);
        lastVal = valLoss;
        if (valLoss < best.valLoss) {
          best = { epoch, valLoss, snapshot: p.earlyStoppingPatience !== null ? varList.map((v) => v.dataSync().slice() as Float32Array) : null };
        }
      }
      await options.onEpoch?.({ epoch, epochs: p.epochs, loss: lastLoss, valLoss });
      // Let abort events and UI work run between epochs.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (options.signal?.aborted) throw abortError(options.signal);
      if (p.earlyStoppingPatience !== null && epoch - best.epoch >= p.earlyStoppingPatience) {
        stoppedEarly = epoch < p.epochs;
        break;
      }
    }
    if (best.snapshot !== null) {
      const snap = best.snapshot;
      tf.tidy(() => varList.forEach((v, i) => v.assign(tf.tensor(snap[i], v.shape))));
    }
    const keptEpoch = best.snapshot !== null ? best.epoch : epochsRun;
    const layers: DenseLayerJSON[] = kernels.map((k, l) => ({
      weights: Array.from(k.dataSync()),
      bias: Array.from(biases[l].dataSync()),
      activation: l === kernels.length - 1 ? 'sigmoid' : spec.hiddenActivation,
    }));
    return {
      layers,
      params: p,
      training: {
        epochsRun,
        bestEpoch: keptEpoch,
        stoppedEarly,
        loss: lastLoss,
        valLoss: best.snapshot !== null ? best.valLoss : lastVal,
        backend: tf.getBackend(),
      },
    };
  } finally {
    for (const t of tensors) t.dispose();
    for (const v of [...kernels, ...biases]) v.dispose();
    optimizer.dispose();
  }
}
