// Worker-thread bootstrap: loads the export thread's TypeScript as one bundled module (tsx when no bundle can be
// built; see threads/worker-bundle.mjs), then writes a batch's exports.
import { importWorkerEntry } from '../threads/worker-bundle.mjs';

await importWorkerEntry(new URL('./export-thread.ts', import.meta.url));
