// Scoring-thread bootstrap: loads the scoring thread's TypeScript (the repository's sources, not the Next bundle)
// as one bundled module, tsx when no bundle can be built (threads/worker-bundle.mjs). Started by scoring-pool.ts.
import { importWorkerEntry } from '../threads/worker-bundle.mjs';

await importWorkerEntry(new URL('./scoring-thread.ts', import.meta.url));
