// Worker-thread bootstrap: loads TypeScript through tsx (registered here, since execArgv loaders do not reach
// worker threads reliably), then runs the scoring worker.
import { register } from 'tsx/esm/api';

register();
await import('./parallel-predict-worker.ts');
