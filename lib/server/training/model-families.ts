/** The model families a training run can use, with their parameter schemas (zod: unknown keys are refused). */
import { z } from 'zod';

export const gbdtParams = z
  .object({
    learning_rate: z.number().positive().max(10).default(0.1),
    max_iter: z.number().int().min(1).max(5000).default(200),
    max_leaf_nodes: z.number().int().min(2).max(4096).nullable().default(31),
    max_depth: z.number().int().min(1).max(64).nullable().default(10),
    min_samples_leaf: z.number().int().min(1).default(50),
    l2_regularization: z.number().min(0).default(0.1),
    max_bins: z.number().int().min(2).max(255).default(255),
    early_stopping: z.union([z.boolean(), z.literal('auto')]).default(false),
    validation_fraction: z.number().gt(0).lt(1).default(0.1),
    n_iter_no_change: z.number().int().min(1).default(10),
    tol: z.number().min(0).default(1e-7),
    class_weight: z.union([z.literal('balanced'), z.null()]).default(null),
    random_state: z.number().int().min(0).default(42),
  })
  .strict();

export const denseParams = z
  .object({
    epochs: z.number().int().min(1).max(1000).default(50),
    batchSize: z.number().int().min(1).max(65536).default(64),
    learningRate: z.number().positive().max(1).default(0.01),
    l2: z.number().min(0).default(0),
    hiddenUnits: z.array(z.number().int().min(1).max(1024)).max(4).default([16]),
    validationFraction: z.number().min(0).lt(1).default(0.1),
    earlyStoppingPatience: z.number().int().min(1).default(5),
    seed: z.number().int().min(0).default(42),
  })
  .strict();

export const FAMILIES = ['gbdt', 'logreg', 'mlp'] as const;
export type Family = (typeof FAMILIES)[number];

/** The seed's parameters: max_depth 10, learning_rate 0.1, max_iter 200, min_samples_leaf 50, l2 0.1, seed 42. */
export const SEED_GBDT_PARAMS = gbdtParams.parse({});

export function parseParams(family: Family, params: unknown): Record<string, unknown> {
  return family === 'gbdt' ? gbdtParams.parse(params ?? {}) : denseParams.parse(params ?? {});
}
