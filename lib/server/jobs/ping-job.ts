/** A job that does nothing but prove a worker claimed it: for health checks and the queue benchmark. */
import { z } from 'zod';
import { defineJob } from '@/lib/server/jobs/define-job';

export const pingJob = defineJob({
  name: 'ping',
  version: 1,
  payloadSchema: z.object({ n: z.number().int().min(0).default(0) }),
  expireInSeconds: 60,
  retryLimit: 1,
  async handler(p) {
    return { pong: p.n };
  },
});
