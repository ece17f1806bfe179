/**
 * Worker side of `ParallelGbdtPredictor`: loads the artifact once, then scores chunks of shared batches.
 * Messages in: `{ type: 'load', artifact }` once, then `{ type: 'run', job, X, out, nRows, counter, chunk }`
 * (X/out are Float64Array views on SharedArrayBuffers, counter an Int32Array on one). Messages out:
 * `{ type: 'ready' }`, `{ type: 'done', job }` or `{ type: 'error', job, message }`.
 */
import { parentPort } from 'node:worker_threads';
import { GbdtModel } from '../../ml/gbdt/predictor';
import { scoreChunks, type RunMessage } from './score-chunks';

let model: GbdtModel | null = null;
const port = parentPort;
if (port) {
  port.on('message', (msg: { type: 'load'; artifact: unknown } | RunMessage) => {
    if (msg.type === 'load') {
      model = GbdtModel.fromJSON(msg.artifact);
      port.postMessage({ type: 'ready' });
      return;
    }
    try {
      if (!model) throw new Error('parallel-predict worker: run before load');
      scoreChunks(model, msg);
      port.postMessage({ type: 'done', job: msg.job });
    } catch (e) {
      port.postMessage({ type: 'error', job: msg.job, message: e instanceof Error ? e.message : String(e) });
    }
  });
}
