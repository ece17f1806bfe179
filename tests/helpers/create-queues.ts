/**
 * Run as its own process by queue-creation.test.ts: creates every job queue on DATABASE_URL, as a worker does when
 * it starts, and prints `created` or the error.
 */
import { getBoss, stopBoss } from '@/lib/server/jobs/boss';
import { ensureQueue } from '@/lib/server/jobs/jobs';
import { JOB_DEFINITIONS } from '@/lib/server/jobs/registry';

let code = 0;
try {
  await getBoss();
  for (const def of JOB_DEFINITIONS) await ensureQueue(def);
  console.log('created');
} catch (err) {
  console.log(`error: ${err instanceof Error ? err.message : String(err)}`);
  code = 1;
}
await stopBoss({ graceful: false, timeout: 1000 });
process.exit(code);
