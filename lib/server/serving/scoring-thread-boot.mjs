// Scoring-thread bootstrap: loads TypeScript through tsx (the thread runs the repository's sources, not the Next
// bundle), then runs the scoring thread. Started by scoring-pool.ts.
import { register } from 'tsx/esm/api';

register();
await import('./scoring-thread.ts');
