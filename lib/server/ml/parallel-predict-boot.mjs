// Worker-thread bootstrap: loads the scoring worker's TypeScript as one bundled module (tsx when no bundle can be
// built; see threads/worker-bundle.mjs), then runs it.
import { importWorkerEntry } from '../threads/worker-bundle.mjs';

await importWorkerEntry(new URL('./parallel-predict-worker.ts', import.meta.url));
