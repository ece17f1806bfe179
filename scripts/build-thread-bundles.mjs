// Builds the bundle of every worker-thread entry ahead of time (node_modules/.cache/churnlab-threads), e.g. in the
// container image, whose node_modules the app user cannot write: threads then load their bundle at once.
import { ensureWorkerBundle, WORKER_ENTRIES } from '../lib/server/threads/worker-bundle.mjs';

for (const entry of WORKER_ENTRIES) console.log(`bundled ${await ensureWorkerBundle(entry)}`);
