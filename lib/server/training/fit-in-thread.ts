/** Runs a fit in a worker thread; aborting terminates the thread. */
import { Worker } from 'node:worker_threads';
import { threadExecArgv } from '@/lib/server/threads/exec-argv';
import type { TrainThreadInput, TrainThreadMessage } from '@/lib/server/training/train-thread';

export function fitInThread(
  input: TrainThreadInput,
  opts: { signal?: AbortSignal; onIteration?: (m: Extract<TrainThreadMessage, { type: 'iteration' }>) => void },
): Promise<{ model: unknown; meanAbsShap: number[] | null }> {
  return new Promise((resolve, reject) => {
    // A small .mjs bootstrap registers tsx in the thread, then loads the TypeScript entry.
    const worker = new Worker(new URL('./train-thread-boot.mjs', import.meta.url), { workerData: input, execArgv: threadExecArgv() });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => finish(() => reject(opts.signal?.reason ?? new Error('training aborted')));
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort);
    worker.on('message', (m: TrainThreadMessage) => {
      if (m.type === 'iteration') opts.onIteration?.(m);
      else if (m.type === 'done') finish(() => resolve({ model: m.model, meanAbsShap: m.meanAbsShap }));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`training thread exited (${code})`))));
  });
}
