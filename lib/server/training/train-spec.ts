/**
 * The training job's name and payload, without its handler: what the web app needs to queue a run (the handler,
 * with its worker thread, lives in train-job.ts and only runs in workers).
 */
import { z } from 'zod';
import { FAMILIES } from '@/lib/server/training/model-families';

export const trainPayload = z.object({
  projectId: z.string().min(1),
  snapshotId: z.string().min(1),
  featureSpecId: z.string().min(1).optional(),
  family: z.enum(FAMILIES).default('gbdt'),
  params: z.record(z.string(), z.unknown()).default({}),
  testFraction: z.number().gt(0).lt(1).default(0.2),
  seed: z.number().int().min(0).default(42),
  name: z.string().trim().max(120).optional(),
});
export type TrainPayload = z.infer<typeof trainPayload>;

export const trainJobSpec = {
  name: 'train',
  version: 1,
  payloadSchema: trainPayload,
  expireInSeconds: 4 * 60 * 60,
  retryLimit: 2,
} as const;
