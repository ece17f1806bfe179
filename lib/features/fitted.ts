import { z } from 'zod';
import { featureSpecSchema, type Edge } from './spec';
import type { ColumnKind } from './columns';

const kind = z.enum(['numeric', 'categorical']);

const fittedImpute = z.strictObject({
  type: z.literal('impute'),
  strategy: z.enum(['median', 'mean', 'most_frequent', 'constant']),
  columns: z.array(
    z.strictObject({
      name: z.string(),
      kind,
      /** The fill value; null when training had no value to learn from (the column then stays missing). */
      fill: z.union([z.number(), z.string()]).nullable(),
      indicator: z.string().nullable(),
    }),
  ),
});
const fittedDerive = z.strictObject({ type: z.literal('derive'), name: z.string(), expression: z.string(), kind });
const fittedBin = z.strictObject({
  type: z.literal('bin'),
  column: z.string(),
  name: z.string(),
  edges: z.array(z.union([z.number(), z.enum(['inf', '+inf', '-inf', 'Infinity', '+Infinity', '-Infinity'])])),
  labels: z.array(z.string()),
  right: z.boolean(),
});
const fittedOneHot = z.strictObject({
  type: z.literal('encode'),
  method: z.literal('one_hot'),
  columns: z.array(
    z.strictObject({
      name: z.string(),
      /** Levels with their own column, in output order. */
      levels: z.array(z.string()),
      /** Training levels folded into `<col>=__other__` (present only when max_levels cut). */
      rare: z.array(z.string()),
      other: z.boolean(),
      missing: z.boolean(),
      outputs: z.array(z.string()),
    }),
  ),
});
const fittedOrdinal = z.strictObject({
  type: z.literal('encode'),
  method: z.literal('ordinal'),
  columns: z.array(z.strictObject({ name: z.string(), levels: z.array(z.string()) })),
});
const fittedTarget = z.strictObject({
  type: z.literal('encode'),
  method: z.literal('target'),
  prior: z.number(),
  smoothing: z.number(),
  columns: z.array(
    z.strictObject({ name: z.string(), levels: z.array(z.string()), values: z.array(z.number()), missing: z.number() }),
  ),
});
const fittedScale = z.strictObject({
  type: z.literal('scale'),
  method: z.enum(['standard', 'minmax', 'none']),
  /** out = (x - offset) / scale. */
  columns: z.array(z.strictObject({ name: z.string(), offset: z.number(), scale: z.number() })),
});
const fittedSelect = z.strictObject({ type: z.literal('select'), columns: z.array(z.string()) });
const fittedDrop = z.strictObject({ type: z.literal('drop'), columns: z.array(z.string()) });

export const fittedStepSchema = z.discriminatedUnion('type', [
  fittedImpute,
  fittedDerive,
  fittedBin,
  z.discriminatedUnion('method', [fittedOneHot, fittedOrdinal, fittedTarget]),
  fittedScale,
  fittedSelect,
  fittedDrop,
]);

export const fittedTransformSchema = z.strictObject({
  format: z.literal('churnlab.fitted-transform'),
  version: z.literal(1),
  spec: featureSpecSchema,
  target: z.string().nullable(),
  inputColumns: z.array(z.strictObject({ name: z.string(), kind, required: z.boolean() })),
  steps: z.array(fittedStepSchema),
  outputFeatures: z.array(z.string()),
  featureSources: z.array(z.array(z.string())),
  nTrainRows: z.number().int().min(0),
});

export type FittedImpute = z.infer<typeof fittedImpute>;
export type FittedDerive = z.infer<typeof fittedDerive>;
export type FittedBin = z.infer<typeof fittedBin> & { edges: Edge[] };
export type FittedOneHot = z.infer<typeof fittedOneHot>;
export type FittedOrdinal = z.infer<typeof fittedOrdinal>;
export type FittedTarget = z.infer<typeof fittedTarget>;
export type FittedScale = z.infer<typeof fittedScale>;
export type FittedSelect = z.infer<typeof fittedSelect>;
export type FittedDrop = z.infer<typeof fittedDrop>;
export type FittedStep = z.infer<typeof fittedStepSchema>;

/** A raw input column the transform reads. `required: false` columns feed no output and are never read at apply. */
export interface InputColumn {
  name: string;
  kind: ColumnKind;
  required: boolean;
}

/**
 * The artifact `fit` produces: plain JSON (no NaN/Infinity; infinities are written `'inf'`).
 * `featureSources[j]` lists the raw input columns output feature `outputFeatures[j]` comes from.
 */
export type FittedTransform = z.infer<typeof fittedTransformSchema>;
