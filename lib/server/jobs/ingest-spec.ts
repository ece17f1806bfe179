/**
 * The ingest job's name and payload, without its handler: what the web app needs to queue an ingest (the
 * handler, which reads SQL sources with worker threads, lives in ingest-job.ts and runs in workers and the CLI).
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date');

export const ingestPayload = z.object({
  projectId: z.string().min(1),
  sourceId: z.string().min(1),
  end: isoDate,
  days: z.number().int().min(1).max(3660).default(30),
  horizonDays: z.number().int().min(1).max(365).default(30),
  signupFilter: z.enum(['active', 'signup_between']).default('active'),
});

export type IngestPayload = z.infer<typeof ingestPayload>;

export const ingestJobSpec = { name: 'ingest', version: 1, payloadSchema: ingestPayload, expireInSeconds: 30 * 60, retryLimit: 2 } as const;
