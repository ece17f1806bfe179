// Worker-thread bootstrap: loads the training thread's TypeScript as one bundled module (tsx when no bundle can be
// built; see threads/worker-bundle.mjs), then runs it.
import { importWorkerEntry } from '../threads/worker-bundle.mjs';

await importWorkerEntry(new URL('./train-thread.ts', import.meta.url));
