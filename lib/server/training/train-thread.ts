/**
 * Worker-thread entry: fits one model off the worker's main thread (a fit is CPU-bound and would otherwise stall
 * the heartbeats and the queue). Receives { family, X, y, featureNames, params }; posts iteration progress and
 * finally the model artifact JSON.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { meanAbsShap } from '@/lib/ml/explain';
import { fitHistGradientBoosting } from '@/lib/ml/gbdt';
import { initTfBackend, TfLogisticRegression, TfMlp } from '@/lib/ml/tfjs';

export interface TrainThreadInput {
  family: 'gbdt' | 'logreg' | 'mlp';
  X: Float64Array;
  y: Uint8Array;
  nRows: number;
  featureNames: string[];
  params: Record<string, unknown>;
  /** Rows (row-major, same features) to compute mean |SHAP| on in the thread; GBDT only. */
  explainX?: Float64Array;
  explainRows?: number;
}

export type TrainThreadMessage =
  | { type: 'iteration'; iteration: number; total: number; trainLoss: number; validationLoss: number | null }
  | { type: 'done'; model: unknown; meanAbsShap: number[] | null }
  | { type: 'error'; message: string };

async function main(input: TrainThreadInput): Promise<{ model: unknown; meanAbsShap: number[] | null }> {
  const post = (m: TrainThreadMessage) => parentPort!.postMessage(m);
  if (input.family === 'gbdt') {
    const total = Number(input.params.max_iter ?? 100);
    const model = fitHistGradientBoosting(input.X, input.y, input.params, {
      featureNames: input.featureNames,
      onIteration: (i) => post({ type: 'iteration', iteration: i.iteration, total, trainLoss: i.trainLoss, validationLoss: i.validationLoss }),
    });
    // Exact TreeSHAP is CPU-heavy too: do it here, off the worker's main thread.
    const shap = input.explainX && input.explainRows ? Array.from(meanAbsShap(model, input.explainX, input.explainRows)) : null;
    return { model: model.toJSON(), meanAbsShap: shap };
  }
  const dist = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  await initTfBackend('wasm', `${dist}/`);
  const p = input.params as Record<string, number | number[]>;
  const total = Number(p.epochs ?? 50);
  const data = { X: input.X, y: input.y, nRows: input.nRows, featureNames: input.featureNames };
  const common = {
    epochs: total,
    batchSize: p.batchSize as number,
    learningRate: p.learningRate as number,
    l2: p.l2 as number,
    validationFraction: p.validationFraction as number,
    earlyStoppingPatience: p.earlyStoppingPatience as number,
    seed: p.seed as number,
    onEpoch: (e: { epoch: number; loss: number; valLoss?: number | null }) =>
      post({ type: 'iteration', iteration: e.epoch + 1, total, trainLoss: e.loss, validationLoss: e.valLoss ?? null }),
  };
  const model =
    input.family === 'logreg' ? await TfLogisticRegression.fit(data, common) : await TfMlp.fit(data, { ...common, hiddenUnits: p.hiddenUnits as number[] });
  return { model: model.toJSON(), meanAbsShap: null };
}

if (parentPort && workerData) {
  main(workerData as TrainThreadInput)
    .then((r) => parentPort!.postMessage({ type: 'done', model: r.model, meanAbsShap: r.meanAbsShap } satisfies TrainThreadMessage))
    .catch((err: unknown) => parentPort!.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies TrainThreadMessage));
}
