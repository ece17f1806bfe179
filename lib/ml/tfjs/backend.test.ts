import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { rocAuc } from '../metrics';
import { initTfBackend, TfLogisticRegression } from './index';
import { separable } from './test-data';

// Tests may use node:path; lib code receives the resolved directory from its caller.
const wasmDir = path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist/');

describe('initTfBackend', () => {
  it('rejects unknown names', async () => {
    await expect(initTfBackend('gpu' as 'cpu')).rejects.toThrow(RangeError);
  });

  it('initialises the wasm backend in Node and trains on it', async () => {
    expect(await initTfBackend('wasm', wasmDir)).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const data = separable(200);
    const m = await TfLogisticRegression.fit(data, { epochs: 20, learningRate: 0.05 });
    expect(m.training?.backend).toBe('wasm');
    expect(rocAuc(data.y, m.predictProbaBatch(data.X, data.nRows))).toBeGreaterThan(0.99);
  });

  it('falls back to cpu when webgl is unavailable (Node)', async () => {
    expect(await initTfBackend('webgl')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
