import type { TableLike } from '../data/table';
import { createEvalContext, evaluateExpectation } from './evaluate-expectation';
import type { ExpectationResult, ValidationReport } from './expectation-result';
import { parseSuite, type ExpectationSuite, type ExpectationSuiteInput } from './parse-suite';

export interface ValidateOptions {
  /** Column whose values identify unexpected rows; default: 0-based row indices. */
  idColumn?: string;
  /** Cap on partial_unexpected_list / partial_unexpected_index_list per expectation (integer 0..10 000, default 20). */
  maxUnexpected?: number;
}

/**
 * Runs every enabled expectation of `suite` against `table` (any `TableLike`, e.g. an arquero ColumnTable) and
 * returns a GX-shaped report. The suite is parsed first (throws `SuiteValidationError` when malformed); data
 * problems never throw: a missing column or non-numeric data fail that expectation with `exception_info`.
 * Throws `RangeError` for a bad option (unknown idColumn, maxUnexpected out of range).
 */
export function validateTable(
  table: TableLike,
  suite: ExpectationSuite | ExpectationSuiteInput,
  options: ValidateOptions = {},
): ValidationReport {
  const maxUnexpected = options.maxUnexpected ?? 20;
  if (!Number.isInteger(maxUnexpected) || maxUnexpected < 0 || maxUnexpected > 10_000) {
    throw new RangeError(`maxUnexpected must be an integer in 0..10000, got ${maxUnexpected}`);
  }
  const parsed = parseSuite(suite);
  const idColumn = options.idColumn ?? null;
  const ctx = createEvalContext(table, idColumn, maxUnexpected);

  const results: ExpectationResult[] = [];
  let disabled = 0;
  let successful = 0;
  let failedErrors = 0;
  let failedWarnings = 0;
  for (const e of parsed.expectations) {
    if (!e.enabled) {
      disabled++;
      continue;
    }
    const r = evaluateExpectation(ctx, e);
    results.push(r);
    if (r.success) successful++;
    else if (r.severity === 'error') failedErrors++;
    else failedWarnings++;
  }
  const evaluated = results.length;
  return {
    success: failedErrors === 0,
    suite_name: parsed.name,
    statistics: {
      evaluated_expectations: evaluated,
      successful_expectations: successful,
      unsuccessful_expectations: evaluated - successful,
      success_percent: evaluated > 0 ? (100 * successful) / evaluated : null,
    },
    summary: { evaluated, successful, failed_errors: failedErrors, failed_warnings: failedWarnings, disabled },
    results,
    meta: {
      suite_name: parsed.name,
      suite_version: parsed.version ?? null,
      row_count: table.numRows(),
      column_count: ctx.columns.size,
      id_column: idColumn,
    },
  };
}
