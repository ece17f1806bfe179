import type { TableLike } from '../data/table';
import { createEvalContext, evaluateExpectation } from './evaluate-expectation';
import { isColumnMapExpectation, type ExpectationInput } from './expectation-schema';
import type { ExpectationResult } from './expectation-result';
import { parseExpectation } from './parse-suite';

export interface PassRate {
  /**
   * Fraction 0..1 of evaluated cells that pass (column map expectations: non-null cells, or all rows for the
   * null expectations); 1 or 0 for table/aggregate expectations; null when there was nothing to evaluate or
   * the expectation could not run (see `result.exception_info`).
   */
  rate: number | null;
  success: boolean;
  result: ExpectationResult;
}

/**
 * Live preview for the expectation editor: evaluates one (possibly draft) expectation against a table, ignoring
 * `enabled`. Throws `SuiteValidationError` when the draft does not parse.
 */
export function passRate(table: TableLike, expectation: ExpectationInput, maxUnexpected = 20): PassRate {
  const e = parseExpectation(expectation);
  const result = evaluateExpectation(createEvalContext(table, null, maxUnexpected), e);
  if (result.exception_info.raised_exception) return { rate: null, success: false, result };
  if (!isColumnMapExpectation(e)) return { rate: result.success ? 1 : 0, success: result.success, result };
  const { element_count = 0, missing_count = 0, unexpected_count = 0 } = result.result;
  const nullExpectation =
    e.expectation_type === 'expect_column_values_to_not_be_null' || e.expectation_type === 'expect_column_values_to_be_null';
  const evaluated = nullExpectation ? element_count : element_count - missing_count;
  return { rate: evaluated > 0 ? (evaluated - unexpected_count) / evaluated : null, success: result.success, result };
}
