import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rocAuc } from '../metrics';
import { initTfBackend, TfLogisticRegression, TfMlp, toTfModel, type EpochProgress } from './index';
import { circle, noisyLinear, separable } from './test-data';

beforeAll(async () => {
  expect(await initTfBackend('cpu')).toBe('cpu');
});

describe('TfLogisticRegression', () => {
  it('fits a linearly separable toy set to AUC > 0.99', async () => {
    const data = separable();
    const m = await TfLogisticRegression.fit(data, { epochs: 20, batchSize: 50, learningRate: 0.1 });
    const p = m.predictProbaBatch(data.X, data.nRows);
    expect(rocAuc(data.y, p)).toBeGreaterThan(0.99);
    expect(m.training?.epochsRun).toBe(20);
    expect(m.training?.backend).toBe('cpu');
  });

  it('recovers coefficient signs on a noisy synthetic set', async () => {
    const m = await TfLogisticRegression.fit(noisyLinear(), { epochs: 30, batchSize: 100, learningRate: 0.1 });
    const [b0, b1, b2, b3] = m.coefficients;
    expect(b0).toBeGreaterThan(1);
    expect(b1).toBeLessThan(-0.7);
    expect(b3).toBeGreaterThan(0.3);
    expect(Math.abs(b2)).toBeLessThan(Math.abs(b3)); // the zero-effect feature stays small
  });

  it('L2 shrinks the coefficients', async () => {
    const data = noisyLinear();
    const free = await TfLogisticRegression.fit(data, { epochs: 15, batchSize: 100, learningRate: 0.1 });
    const ridge = await TfLogisticRegression.fit(data, { epochs: 15, batchSize: 100, learningRate: 0.1, l2: 0.05 });
    const norm = (m: TfLogisticRegression) => m.coefficients.reduce((a, b) => a + b * b, 0);
    expect(norm(ridge)).toBeLessThan(norm(free) * 0.8);
  });

  it('is reproducible for a seed; up-weighting class 1 raises predicted probabilities', async () => {
    const data = noisyLinear(400);
    const a = await TfLogisticRegression.fit(data, { epochs: 5, seed: 7 });
    const b = await TfLogisticRegression.fit(data, { epochs: 5, seed: 7 });
    expect(a.toJSON()).toEqual(b.toJSON());
    const heavy = await TfLogisticRegression.fit(data, { epochs: 5, seed: 7, classWeight: { 0: 1, 1: 5 } });
    const mean = (m: TfLogisticRegression) => m.predictProbaBatch(data.X, data.nRows).reduce((s, v) => s + v, 0);
    expect(mean(heavy)).toBeGreaterThan(mean(a));
  });
});

describe('TfMlp', () => {
  it('fits a non-linear (circle) set that logistic regression cannot', async () => {
    const data = circle();
    const mlp = await TfMlp.fit(data, { hiddenUnits: [16], epochs: 40, batchSize: 64, learningRate: 0.08, seed: 1 });
    const lr = await TfLogisticRegression.fit(data, { epochs: 10, batchSize: 100, learningRate: 0.1 });
    const aucMlp = rocAuc(data.y, mlp.predictProbaBatch(data.X, data.nRows));
    const aucLr = rocAuc(data.y, lr.predictProbaBatch(data.X, data.nRows));
    expect(aucMlp).toBeGreaterThan(0.97);
    expect(aucLr).toBeLessThan(0.75);
  });

  it('fits the separable toy set to AUC > 0.99 and reports progress per epoch', async () => {
    const data = separable();
    const seen: EpochProgress[] = [];
    const m = await TfMlp.fit(data, {
      hiddenUnits: [8, 4],
      activation: 'tanh',
      epochs: 25,
      batchSize: 64,
      learningRate: 0.05,
      validationFraction: 0.2,
      onEpoch: (p) => {
        seen.push(p);
      },
    });
    expect(rocAuc(data.y, m.predictProbaBatch(data.X, data.nRows))).toBeGreaterThan(0.99);
    expect(seen.map((p) => p.epoch)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(seen.every((p) => Number.isFinite(p.loss) && Number.isFinite(p.valLoss!))).toBe(true);
    expect(seen[24].loss).toBeLessThan(seen[0].loss);
    expect(m.training?.valLoss).toBe(seen[24].valLoss);
  });

  it('early stopping halts after `patience` epochs without improvement and keeps the best weights', async () => {
    const data = noisyLinear(120, 5);
    const seen: EpochProgress[] = [];
    const m = await TfMlp.fit(data, {
      hiddenUnits: [64, 64],
      epochs: 200,
      learningRate: 0.02,
      batchSize: 16,
      validationFraction: 0.3,
      earlyStoppingPatience: 3,
      onEpoch: (p) => {
        seen.push(p);
      },
    });
    const t = m.training!;
    expect(t.stoppedEarly).toBe(true);
    expect(t.epochsRun).toBeLessThan(200);
    expect(t.epochsRun - t.bestEpoch).toBe(3);
    const best = Math.min(...seen.map((p) => p.valLoss!));
    expect(t.valLoss).toBe(best);
    expect(seen[t.bestEpoch - 1].valLoss).toBe(best);
  });

  it('honours an AbortSignal between epochs', async () => {
    const ac = new AbortController();
    let epochs = 0;
    const run = TfMlp.fit(separable(), {
      epochs: 50,
      signal: ac.signal,
      onEpoch: ({ epoch }) => {
        epochs = epoch;
        if (epoch === 2) ac.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toBe(2);
    const pre = new AbortController();
    pre.abort(new Error('cancelled by user'));
    await expect(TfLogisticRegression.fit(separable(), { signal: pre.signal })).rejects.toThrow('cancelled by user');
  });

  it('disposes every tensor it creates', async () => {
    const before = tf.memory().numTensors;
    await TfMlp.fit(separable(100), { epochs: 3, validationFraction: 0.2, earlyStoppingPatience: 1 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('pure-JS scoring and artifacts', () => {
  it('pure-JS predictProba equals tf model.predict within 1e-6 (logreg and MLP)', async () => {
    const data = circle(200);
    const models = [
      await TfLogisticRegression.fit(data, { epochs: 5 }),
      await TfMlp.fit(data, { hiddenUnits: [12, 6], epochs: 10, learningRate: 0.05 }),
    ];
    for (const m of models) {
      const tfModel = toTfModel(m.toJSON());
      const pred = tf.tidy(() => (tfModel.predict(tf.tensor2d(Float32Array.from(data.X), [data.nRows, 2])) as tf.Tensor).dataSync());
      tfModel.dispose();
      for (let r = 0; r < data.nRows; r++) {
        expect(Math.abs(m.predictProba(data.X.subarray(r * 2, r * 2 + 2)) - pred[r])).toBeLessThan(1e-6);
      }
    }
  });

  it('JSON round trip scores identically', async () => {
    const data = circle(150);
    const m = await TfMlp.fit(data, { hiddenUnits: [5], epochs: 3 });
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    expect(json.format).toBe('churnlab.tfjs-mlp');
    expect(json.version).toBe(1);
    expect(json.params).toMatchObject({ hiddenUnits: [5], activation: 'relu', epochs: 3, seed: 42 });
    const back = TfMlp.fromJSON(json);
    expect(Array.from(back.predictProbaBatch(data.X, data.nRows))).toEqual(Array.from(m.predictProbaBatch(data.X, data.nRows)));
    expect(back.predictProba([0.1, -0.2])).toBe(m.predictProba([0.1, -0.2]));
    expect(back.toJSON()).toEqual(json);
  });

  it('scores hand-built logistic weights exactly', () => {
    const m = TfLogisticRegression.fromJSON({
      format: 'churnlab.tfjs-logreg',
      version: 1,
      featureNames: ['a', 'b'],
      layers: [{ weights: [2, -1], bias: [0.5], activation: 'sigmoid' }],
      params: {},
    });
    expect(m.predictProba([1, 3])).toBeCloseTo(1 / (1 + Math.exp(0.5)), 15);
    expect(Array.from(m.coefficients)).toEqual([2, -1]);
    expect(m.intercept).toBe(0.5);
    expect(() => m.predictProba([1, NaN])).toThrow(/feature "b" \(column 1\) is NaN/);
    expect(() => m.predictProba([1])).toThrow(RangeError);
  });

  it('fromJSON rejects malformed artifacts, naming the field', () => {
    const good = {
      format: 'churnlab.tfjs-mlp',
      version: 1,
      featureNames: ['a', 'b'],
      layers: [
        { weights: [1, 2, 3, 4, 5, 6], bias: [0, 0, 0], activation: 'relu' },
        { weights: [1, 1, 1], bias: [0], activation: 'sigmoid' },
      ],
      params: {},
    };
    expect(() => TfMlp.fromJSON(good)).not.toThrow();
    const bad = (patch: Record<string, unknown>, msg: RegExp) => {
      expect(() => TfMlp.fromJSON({ ...good, ...patch })).toThrow(TypeError);
      expect(() => TfMlp.fromJSON({ ...good, ...patch })).toThrow(msg);
    };
    bad({ format: 'churnlab.tfjs-logreg' }, /format must be "churnlab.tfjs-mlp"/);
    bad({ version: 2 }, /version must be 1/);
    bad({ featureNames: ['a', 3] }, /featureNames\[1\]/);
    bad({ featureNames: 'a,b' }, /featureNames must be/);
    bad({ layers: [{ ...good.layers[0], weights: [1, 2, 3] }, good.layers[1]] }, /layers\[0\]\.weights has 3 values, expected 2 × 3/);
    bad({ layers: [good.layers[0], { ...good.layers[1], activation: 'softmax' }] }, /layers\[1\]\.activation/);
    bad({ layers: [good.layers[0], { ...good.layers[1], activation: 'relu' }] }, /must be "sigmoid"/);
    bad({ layers: [good.layers[0], { ...good.layers[1], bias: [null] }] }, /layers\[1\]\.bias\[0\] = null/);
    bad({ layers: [] }, /layers must be a non-empty array/);
    bad({ params: null }, /params must be an object/);
    expect(() => TfMlp.fromJSON(null)).toThrow(TypeError);
    expect(() => TfLogisticRegression.fromJSON({ ...good, format: 'churnlab.tfjs-logreg' })).toThrow(/exactly 1 layer/);
  });
});

describe('training input validation', () => {
  it('names the first NaN column', async () => {
    const data = separable(10);
    data.X[3 * 2 + 1] = NaN;
    await expect(TfLogisticRegression.fit(data)).rejects.toThrow(TypeError);
    await expect(TfLogisticRegression.fit(data)).rejects.toThrow(/feature "f1" \(column 1\) has NaN at row 3/);
  });

  it('rejects bad shapes, labels and options', async () => {
    const data = separable(10);
    await expect(TfLogisticRegression.fit({ ...data, nRows: 9 })).rejects.toThrow(/X has 20 values, expected nRows × features = 9 × 2/);
    await expect(TfLogisticRegression.fit({ ...data, y: Array(10).fill(2) })).rejects.toThrow(/y\[0\] = 2/);
    await expect(TfLogisticRegression.fit(data, { epochs: 0 })).rejects.toThrow(/epochs = 0/);
    await expect(TfLogisticRegression.fit(data, { earlyStoppingPatience: 2 })).rejects.toThrow(/needs validationFraction/);
    await expect(TfMlp.fit(data, { hiddenUnits: [0] })).rejects.toThrow(RangeError);
  });
});
