import { z } from 'zod';
import { ExpressionError } from './expression/errors';
import { parseExpression } from './expression/parser';

/** An edge value: a number or an infinity spelled as text (JSON has no Infinity). */
const edgeSchema = z.union([z.number(), z.enum(['inf', '+inf', '-inf', 'Infinity', '+Infinity', '-Infinity'])]);
export type Edge = z.infer<typeof edgeSchema>;

/** An edge as a number (`'inf'` → Infinity). */
export function edgeValue(e: Edge): number {
  if (typeof e === 'number') return e;
  return e.startsWith('-') ? -Infinity : Infinity;
}

const columnName = z.string().min(1);
const note = z.string().optional();

const imputeStep = z.strictObject({
  type: z.literal('impute'),
  strategy: z.enum(['median', 'mean', 'most_frequent', 'constant']),
  /** Listed columns, or every current `value` column of that kind. */
  columns: z.union([z.array(columnName).min(1), z.enum(['numeric', 'categorical'])]),
  fill_value: z.union([z.number(), z.string()]).optional(),
  /** Adds `<col>__missing` (1 = was missing) right after each imputed column. */
  add_indicator: z.boolean().optional(),
  note,
});

const deriveStep = z.strictObject({
  type: z.literal('derive'),
  name: columnName,
  expression: z.string().superRefine((src, ctx) => {
    try {
      parseExpression(src);
    } catch (e) {
      if (e instanceof ExpressionError) ctx.addIssue({ code: 'custom', message: e.message });
      else throw e;
    }
  }),
  note,
});

const binStep = z.strictObject({
  type: z.literal('bin'),
  column: columnName,
  name: columnName,
  edges: z.array(edgeSchema).min(2),
  labels: z.array(z.string().min(1)).min(1),
  /** false (default): bins are [a, b), the last also takes a finite upper edge; true: (a, b], the first also takes its lower edge. */
  right: z.boolean().optional(),
  note,
});

const oneHot = z.strictObject({
  type: z.literal('encode'),
  method: z.literal('one_hot'),
  columns: z.union([z.array(columnName).min(1), z.literal('categorical')]),
  /** At most this many output columns per input; the rarest levels then share `<col>=__other__`. */
  max_levels: z.number().int().min(2).optional(),
  /** Adds a `<col>=__missing__` column; without it a missing value is all zeros. */
  missing_level: z.boolean().optional(),
  note,
});

const ordinal = z.strictObject({
  type: z.literal('encode'),
  method: z.literal('ordinal'),
  columns: z.union([z.array(columnName).min(1), z.literal('categorical')]),
  /** Level order per column; columns not listed get their training levels sorted as strings. */
  levels: z.array(z.strictObject({ column: columnName, levels: z.array(z.string()).min(1) })).optional(),
  note,
});

const targetEnc = z.strictObject({
  type: z.literal('encode'),
  method: z.literal('target'),
  columns: z.union([z.array(columnName).min(1), z.literal('categorical')]),
  /** Smoothing weight m: enc = (sum_y + m·prior) / (count + m). Default 10. */
  smoothing: z.number().min(0).optional(),
  note,
});

const scaleStep = z.strictObject({
  type: z.literal('scale'),
  method: z.enum(['standard', 'minmax', 'none']),
  columns: z.union([z.array(columnName).min(1), z.literal('numeric')]),
  note,
});

const selectStep = z.strictObject({ type: z.literal('select'), columns: z.array(columnName).min(1), note });
const dropStep = z.strictObject({ type: z.literal('drop'), columns: z.array(columnName).min(1), note });

const encodeStep = z.discriminatedUnion('method', [oneHot, ordinal, targetEnc]);

export const stepSchema = z.discriminatedUnion('type', [imputeStep, deriveStep, binStep, encodeStep, scaleStep, selectStep, dropStep]);

export const featureSpecSchema = z.strictObject({
  format: z.literal('churnlab.feature-spec'),
  version: z.literal(1),
  target: columnName.optional(),
  steps: z.array(stepSchema),
});

export type ImputeStep = z.infer<typeof imputeStep>;
export type DeriveStep = z.infer<typeof deriveStep>;
export type BinStep = z.infer<typeof binStep>;
export type OneHotStep = z.infer<typeof oneHot>;
export type OrdinalStep = z.infer<typeof ordinal>;
export type TargetEncodeStep = z.infer<typeof targetEnc>;
export type EncodeStep = z.infer<typeof encodeStep>;
export type ScaleStep = z.infer<typeof scaleStep>;
export type SelectStep = z.infer<typeof selectStep>;
export type DropStep = z.infer<typeof dropStep>;
/** One feature step, discriminated by `type` (and `method` for encode). */
export type Step = z.infer<typeof stepSchema>;
/** A feature spec: versioned JSON listing the steps applied in order. */
export type FeatureSpec = z.infer<typeof featureSpecSchema>;

/** A zod issue path as text: `['steps', 2, 'expression']` → `steps[2].expression`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s === '' ? '(root)' : s;
}

/** A spec or fitted-transform document that failed validation; `issues` name each bad path. */
export class FeatureSpecError extends TypeError {
  readonly issues: { path: string; message: string }[];
  constructor(what: string, issues: { path: string; message: string }[]) {
    super(`invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'FeatureSpecError';
    this.issues = issues;
  }
}

export function zodIssues(err: z.ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Validates unknown JSON as a feature spec (including every derive expression and bin edges/labels). */
export function parseFeatureSpec(json: unknown): FeatureSpec {
  const r = featureSpecSchema.safeParse(json);
  if (!r.success) throw new FeatureSpecError('feature spec', zodIssues(r.error));
  const issues: { path: string; message: string }[] = [];
  r.data.steps.forEach((s, i) => {
    if (s.type === 'bin') {
      const e = s.edges.map(edgeValue);
      for (let k = 1; k < e.length; k++) {
        if (!(e[k] > e[k - 1])) issues.push({ path: `steps[${i}].edges[${k}]`, message: 'edges must increase strictly' });
      }
      if (s.labels.length !== s.edges.length - 1) {
        issues.push({ path: `steps[${i}].labels`, message: `expected ${s.edges.length - 1} labels for ${s.edges.length} edges, got ${s.labels.length}` });
      }
    }
    if (s.type === 'impute' && s.strategy === 'constant' && s.fill_value === undefined) {
      issues.push({ path: `steps[${i}].fill_value`, message: 'strategy "constant" needs fill_value' });
    }
  });
  if (issues.length > 0) throw new FeatureSpecError('feature spec', issues);
  return r.data;
}
