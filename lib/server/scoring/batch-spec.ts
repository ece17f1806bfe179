/**
 * The batch-scoring job's name and payload, without its handler (the web app and the cron routes queue it; the
 * handler in batch-job.ts runs in workers and the CLI).
 */
import { z } from 'zod';

export const batchScoreFields = z.strictObject({
  projectId: z.string().min(1),
  /** the registered model to score with (default: the project's model that has a champion) */
  modelName: z.string().min(1).max(63).optional(),
  alias: z.enum(['champion', 'challenger']).default('champion'),
  /** the snapshot whose customers are scored (default: the project's newest snapshot) */
  snapshotId: z.string().min(1).optional(),
  /** YYYY-MM-DD (default: today, UTC); with the model version it identifies the batch */
  batchDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date').optional(),
  shard: z.number().int().min(0).default(0),
  shards: z.number().int().min(1).max(256).default(1),
  /** explain (TreeSHAP top reasons) the riskiest fraction of customers, at most `reasonsMax` */
  reasonsTopFraction: z.number().min(0).max(1).default(0.1),
  reasonsMax: z.number().int().min(0).max(1_000_000).default(20_000),
});

export const batchScorePayload = batchScoreFields.refine((p) => p.shard < p.shards, { path: ['shard'], message: 'must be less than shards' });

export type BatchScorePayload = z.infer<typeof batchScorePayload>;

export const batchScoreJobSpec = { name: 'batch-score', version: 1, payloadSchema: batchScorePayload, expireInSeconds: 2 * 60 * 60, retryLimit: 2 } as const;
