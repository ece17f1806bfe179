// Worker-thread bootstrap: loads TypeScript through tsx (registered here, since execArgv loaders do not reach
// worker threads reliably), then writes a batch's exports.
import { register } from 'tsx/esm/api';

register();
await import('./export-thread.ts');
