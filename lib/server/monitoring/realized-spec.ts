/**
 * The `realized` job's name and payload, without its handler: what snapshot creation needs to queue it (the
 * handler lives in realized-job.ts, which imports the snapshot loader; keeping them apart avoids an import cycle).
 */
import { z } from 'zod';

export const realizedPayload = z.strictObject({
  projectId: z.string().min(1),
  /** the new snapshot carrying outcomes (it has a target column) */
  outcomeSnapshotId: z.string().min(1),
  /** how many of the most recent succeeded scoring batches to judge against it */
  maxBatches: z.number().int().min(1).max(100).default(12),
});

export type RealizedPayload = z.infer<typeof realizedPayload>;

export const realizedJobSpec = { name: 'realized', version: 1, payloadSchema: realizedPayload, expireInSeconds: 15 * 60, retryLimit: 2 } as const;
