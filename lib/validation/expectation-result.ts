import type { Expectation } from './expectation-schema';

/** The `result` block of one evaluated expectation, field names as GX `result_format: SUMMARY`. */
export interface ExpectationResultDetail {
  /** Aggregate and table expectations: the measured value (a number, a column list, distinct values…). */
  observed_value?: unknown;
  /** Rows in the table (GX: all rows, nulls included). */
  element_count?: number;
  /** Null/undefined/NaN cells of the column. */
  missing_count?: number;
  /** missing_count / element_count, in percent (0–100); null when the table is empty. */
  missing_percent?: number | null;
  /** Cells failing the check (nulls never count, except for the null expectations). */
  unexpected_count?: number;
  /**
   * Percent (0–100) of the evaluated cells that failed: relative to the non-null count for column map
   * expectations (GX), relative to element_count for the null expectations; null when nothing was evaluated.
   */
  unexpected_percent?: number | null;
  /** unexpected_count / element_count in percent (0–100); null for an empty table. */
  unexpected_percent_total?: number | null;
  /** First `maxUnexpected` failing values in row order (repeats kept, as GX). */
  partial_unexpected_list?: unknown[];
  /** Ids (from `idColumn`) or 0-based row indices of the same cells. */
  partial_unexpected_index_list?: Array<string | number>;
  /** Value counts over `partial_unexpected_list`, most frequent first. */
  partial_unexpected_counts?: Array<{ value: unknown; count: number }>;
  details?: Record<string, unknown>;
}

/** One expectation's outcome (GX `ExpectationValidationResult` plus the ChurnLab `severity`). */
export interface ExpectationResult {
  expectation_config: Expectation;
  success: boolean;
  severity: 'error' | 'warning';
  result: ExpectationResultDetail;
  /** GX-style: set when the expectation could not be evaluated (missing column, non-numeric data…). */
  exception_info: { raised_exception: boolean; exception_message: string | null };
}

/** Summary of a suite run: GX `ExpectationSuiteValidationResult` plus a ChurnLab severity summary. */
export interface ValidationReport {
  /** True when no enabled error-severity expectation failed; failed warnings do not block. */
  success: boolean;
  suite_name: string;
  statistics: {
    evaluated_expectations: number;
    successful_expectations: number;
    unsuccessful_expectations: number;
    /** 0–100; null when nothing was evaluated. */
    success_percent: number | null;
  };
  summary: {
    evaluated: number;
    successful: number;
    failed_errors: number;
    failed_warnings: number;
    /** Expectations with `enabled: false`, not evaluated and not in `results`. */
    disabled: number;
  };
  /** One entry per enabled expectation, suite order. */
  results: ExpectationResult[];
  meta: { suite_name: string; suite_version: number | null; row_count: number; column_count: number; id_column: string | null };
}
