import type { ColumnKind } from './infer-types';

export const TABLE_PROFILE_FORMAT = 'churnlab.table-profile';
export const TABLE_PROFILE_VERSION = 1;

/** Quantiles, linear interpolation between order statistics (numpy's default). */
export interface Quantiles {
  p01: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
}

/** Equal-width histogram: `edges` has bins+1 entries; bin i is [edges[i], edges[i+1]) except the last, closed. */
export interface Histogram {
  edges: number[];
  counts: number[];
  /** Positive rate among rows with a known target in each bin; null for bins without such rows. */
  churnRate?: (number | null)[];
}

/** Univariate relation to the target. */
export interface TargetRelation {
  /** ROC AUC of the column as a score, ≥ 0.5 (for numerics max(auc, 1 − auc)); null without both classes. */
  auc: number | null;
  /** Numerics: 'higher' when larger values mean more positives. Levels: always 'higher' (score = level rate). */
  direction: 'higher' | 'lower';
  /** Positive rate among rows where this column is missing (and the target known); null if none. */
  missingChurnRate: number | null;
}

export interface LevelCount {
  value: string;
  count: number;
  churnRate?: number | null;
}

interface ColumnProfileBase {
  name: string;
  kind: ColumnKind;
  /** Rows, missing included. */
  count: number;
  missing: number;
  /** Distinct non-missing values. */
  distinct: number;
}

export interface NumericColumnProfile extends ColumnProfileBase {
  kind: 'numeric';
  /** Null when the column has no non-missing value. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Sample standard deviation (n − 1); null below two values. */
  std: number | null;
  quantiles: Quantiles | null;
  histogram: Histogram;
  target?: TargetRelation;
}

export interface LevelColumnProfile extends ColumnProfileBase {
  kind: 'categorical' | 'boolean';
  /** The most frequent levels (at most maxLevels), by count descending then value. */
  levels: LevelCount[];
  /** Non-missing rows outside `levels`. */
  otherCount: number;
  target?: TargetRelation;
}

export interface DatetimeColumnProfile extends ColumnProfileBase {
  kind: 'datetime';
  /** ISO strings. */
  min: string | null;
  max: string | null;
}

export interface TextColumnProfile extends ColumnProfileBase {
  kind: 'text' | 'id';
  minLength: number | null;
  maxLength: number | null;
  /** Non-missing rows minus distinct values: > 0 means repeated ids. */
  duplicates: number;
  /** Up to five most frequent values. */
  top: LevelCount[];
}

export type ColumnProfile = NumericColumnProfile | LevelColumnProfile | DatetimeColumnProfile | TextColumnProfile;

export interface TargetSummary {
  column: string;
  /** The positive value, as given or detected. */
  positive: string | number | boolean;
  positives: number;
  negatives: number;
  missing: number;
  rate: number | null;
}

/** A whole-table profile: plain JSON, computed once per snapshot. */
export interface TableProfile {
  format: typeof TABLE_PROFILE_FORMAT;
  version: typeof TABLE_PROFILE_VERSION;
  rowCount: number;
  target: TargetSummary | null;
  columns: ColumnProfile[];
}
