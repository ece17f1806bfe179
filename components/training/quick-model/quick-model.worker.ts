/**
 * The quick model's Web Worker: decodes the sample, fits and evaluates off the main thread (the page stays
 * responsive). One request per worker; the panel terminates it to cancel. Bundled by Next (Turbopack) from
 * `new Worker(new URL('./quick-model.worker.ts', import.meta.url), { type: 'module' })`.
 */
import { handleQuickRequest, type QuickRunRequest, type QuickWorkerMessage } from '@/lib/ml/quick/protocol';

// The project's TS lib is "dom": type the worker global structurally instead of pulling in "webworker".
const scope = self as unknown as {
  postMessage(message: QuickWorkerMessage): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<QuickRunRequest>) => void): void;
};

scope.addEventListener('message', (e) => {
  void handleQuickRequest(e.data, (m) => scope.postMessage(m));
});
