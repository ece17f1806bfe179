import { z } from 'zod';
import { compileUserRegex } from './safe-regex';
import { SUPPORTED_TYPE_NAMES, valueKindOf } from './value-types';

/**
 * Zod schemas of the supported expectations, shaped as Great Expectations 0.x configurations
 * (`{ expectation_type, kwargs, meta }`) plus two ChurnLab fields: `severity` (`'error'` blocks, `'warning'` is
 * reported only; default `'error'`) and `enabled` (default `true`). Kwargs objects are strict: an unknown kwarg
 * is an error, so a typo such as `min_vaule` cannot silently disable a bound. Kwargs keep the values given (no
 * defaults are written in); evaluation applies GX defaults (`mostly` 1, `exact_match` true, strict flags false).
 */

const column = z.string().min(1);
/** Fraction 0..1 of non-null values that must pass (GX `mostly`). */
const mostly = z.number().min(0).max(1).optional();
const bound = z.number().nullable().optional();
const strict = z.boolean().optional();
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const valueSet = z.array(scalar);

function entry<T extends string, K extends z.ZodType>(type: T, kwargs: K) {
  return z.strictObject({
    expectation_type: z.literal(type),
    kwargs,
    meta: z.record(z.string(), z.unknown()).default({}),
    severity: z.enum(['error', 'warning']).default('error'),
    enabled: z.boolean().default(true),
  });
}

type BoundKwargs = { min_value?: number | null; max_value?: number | null };
function checkBounds(k: BoundKwargs, ctx: z.core.$RefinementCtx, requireOne: boolean): void {
  const lo = k.min_value ?? null;
  const hi = k.max_value ?? null;
  if (requireOne && lo === null && hi === null) {
    ctx.addIssue({ code: 'custom', path: ['min_value'], message: 'at least one of min_value or max_value is required' });
  }
  if (lo !== null && hi !== null && lo > hi) {
    ctx.addIssue({ code: 'custom', path: ['max_value'], message: `max_value ${hi} is less than min_value ${lo}` });
  }
}

const betweenKwargs = (requireOne: boolean) =>
  z
    .strictObject({ column, min_value: bound, max_value: bound, strict_min: strict, strict_max: strict })
    .superRefine((k, ctx) => checkBounds(k, ctx, requireOne));

export const expectationSchema = z.discriminatedUnion('expectation_type', [
  entry('expect_table_columns_to_match_ordered_list', z.strictObject({ column_list: z.array(column) })),
  entry(
    'expect_table_columns_to_match_set',
    z.strictObject({ column_set: z.array(column), exact_match: z.boolean().nullable().optional() }),
  ),
  entry(
    'expect_table_row_count_to_be_between',
    z
      .strictObject({
        min_value: z.number().int().min(0).nullable().optional(),
        max_value: z.number().int().min(0).nullable().optional(),
        strict_min: strict,
        strict_max: strict,
      })
      .superRefine((k, ctx) => checkBounds(k, ctx, false)),
  ),
  entry(
    'expect_column_to_exist',
    z.strictObject({ column, column_index: z.number().int().min(0).nullable().optional() }),
  ),
  entry('expect_column_values_to_not_be_null', z.strictObject({ column, mostly })),
  entry('expect_column_values_to_be_null', z.strictObject({ column, mostly })),
  entry(
    'expect_column_values_to_be_between',
    z
      .strictObject({ column, min_value: bound, max_value: bound, strict_min: strict, strict_max: strict, mostly })
      .superRefine((k, ctx) => checkBounds(k, ctx, true)),
  ),
  entry('expect_column_values_to_be_unique', z.strictObject({ column, mostly })),
  entry('expect_column_values_to_be_in_set', z.strictObject({ column, value_set: valueSet, mostly })),
  entry('expect_column_values_to_not_be_in_set', z.strictObject({ column, value_set: valueSet, mostly })),
  entry(
    'expect_column_values_to_match_regex',
    z.strictObject({
      column,
      regex: z.string().superRefine((re, ctx) => {
        const compiled = compileUserRegex(re);
        if (typeof compiled === 'string') ctx.addIssue({ code: 'custom', message: compiled });
      }),
      mostly,
    }),
  ),
  entry(
    'expect_column_values_to_be_of_type',
    z.strictObject({
      column,
      type_: z.string().superRefine((t, ctx) => {
        if (valueKindOf(t) === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `unsupported type ${JSON.stringify(t)}; use one of ${SUPPORTED_TYPE_NAMES.join(', ')}`,
          });
        }
      }),
      mostly,
    }),
  ),
  entry('expect_column_mean_to_be_between', betweenKwargs(false)),
  entry('expect_column_median_to_be_between', betweenKwargs(false)),
  entry('expect_column_stdev_to_be_between', betweenKwargs(false)),
  entry('expect_column_distinct_values_to_be_in_set', z.strictObject({ column, value_set: valueSet })),
  entry(
    'expect_column_proportion_of_unique_values_to_be_between',
    z
      .strictObject({
        column,
        min_value: z.number().min(0).max(1).nullable().optional(),
        max_value: z.number().min(0).max(1).nullable().optional(),
        strict_min: strict,
        strict_max: strict,
      })
      .superRefine((k, ctx) => checkBounds(k, ctx, false)),
  ),
]);

/** A parsed expectation (defaults applied): a discriminated union on `expectation_type`. */
export type Expectation = z.output<typeof expectationSchema>;
/** What callers may write: `meta`, `severity`, `enabled` optional. */
export type ExpectationInput = z.input<typeof expectationSchema>;
export type ExpectationType = Expectation['expectation_type'];
/** The expectation of one type, e.g. `ExpectationOf<'expect_column_values_to_be_between'>`. */
export type ExpectationOf<T extends ExpectationType> = Extract<Expectation, { expectation_type: T }>;

export const EXPECTATION_TYPES: readonly ExpectationType[] = expectationSchema.options.map(
  (o) => o.shape.expectation_type.value,
);

/** Column map expectations: evaluated cell by cell, they take `mostly` and report unexpected rows. */
export const COLUMN_MAP_TYPES = [
  'expect_column_values_to_not_be_null',
  'expect_column_values_to_be_null',
  'expect_column_values_to_be_between',
  'expect_column_values_to_be_unique',
  'expect_column_values_to_be_in_set',
  'expect_column_values_to_not_be_in_set',
  'expect_column_values_to_match_regex',
  'expect_column_values_to_be_of_type',
] as const;
export type ColumnMapType = (typeof COLUMN_MAP_TYPES)[number];
export type ColumnMapExpectation = ExpectationOf<ColumnMapType>;

/** Type guard: a known expectation type name. */
export function isExpectationType(name: unknown): name is ExpectationType {
  return typeof name === 'string' && (EXPECTATION_TYPES as readonly string[]).includes(name);
}

/** Type guard: a column map expectation (has `kwargs.mostly`, reports unexpected rows). */
export function isColumnMapExpectation(e: Expectation): e is ColumnMapExpectation {
  return (COLUMN_MAP_TYPES as readonly string[]).includes(e.expectation_type);
}

/** The column an expectation reads, or `null` for table-level expectations. */
export function expectationColumn(e: Expectation): string | null {
  return 'column' in e.kwargs ? e.kwargs.column : null;
}
