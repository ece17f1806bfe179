/**
 * Worker side of `ParallelGbdtPredictor`: loads the artifact once, then scores chunks of shared batches.
 * Messages in: `{ type: 'load', artifact }` once, then `{ type: 'run', job, X, out, nRows, counter, chunk }` or `{ type: 'shap', job, X, rows, phi, counter, chunk }`
 * (X/out are Float64Array views on SharedArrayBuffers, counter an Int32Array on one). Messages out:
 * `{ type: 'ready' }`, `{ type: 'done', job }` or `{ type: 'error', job, message }`.
 */
import { parentPort } from 'node:worker_threads';
import { LeafTableTreeShap } from '../../ml/explain/tree-shap-leaf-tables';
import { GbdtModel } from '../../ml/gbdt/predictor';
import { scoreChunks, shapChunks, type RunMessage, type ShapMessage } from './score-chunks';

let model: GbdtModel | null = null;
let explainer: LeafTableTreeShap | null = null;
const port = parentPort;
if (port) {
  port.on('message', (msg: { type: 'load'; artifact: unknown } | RunMessage | ShapMessage) => {
    if (msg.type === 'load') {
      model = GbdtModel.fromJSON(msg.artifact);
      explainer = null;
      port.postMessage({ type: 'ready' });
      return;
    }
    try {
      if (!model) throw new Error('parallel-predict worker: run before load');
      if (msg.type === 'shap') {
        explainer ??= new LeafTableTreeShap(model);
        shapChunks(explainer, model.nFeatures, msg);
      } else scoreChunks(model, msg);
      port.postMessage({ type: 'done', job: msg.job });
    } catch (e) {
      port.postMessage({ type: 'error', job: msg.job, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
