/** Data validation: GX-style expectations, suite parsing and GX JSON, evaluation, suggestions. */
export { SuiteValidationError, type SuiteIssue } from './suite-validation-error';
export {
  expectationSchema,
  EXPECTATION_TYPES,
  COLUMN_MAP_TYPES,
  isExpectationType,
  isColumnMapExpectation,
  expectationColumn,
  type Expectation,
  type ExpectationInput,
  type ExpectationType,
  type ExpectationOf,
  type ColumnMapExpectation,
  type ColumnMapType,
} from './expectation-schema';
export {
  expectationSuiteSchema,
  parseSuite,
  parseExpectation,
  createSuite,
  type ExpectationSuite,
  type ExpectationSuiteInput,
} from './parse-suite';
export type { ExpectationResult, ExpectationResultDetail, ValidationReport } from './expectation-result';
export { validateTable, type ValidateOptions } from './validate-table';
export { passRate, type PassRate } from './pass-rate';
export { fromGxSuiteJson, toGxSuiteJson, type FromGxOptions, type ToGxOptions } from './gx-suite-json';
export { seedSuite, SEED_COLUMNS, type SeedColumn } from './seed-suite';
export { profileColumn, MAX_LEVELS, type ColumnProfile, type InferredType } from './profile-column';
export { suggestExpectations } from './suggest-expectations';
export { valueKindOf, SUPPORTED_TYPE_NAMES, type ValueKind } from './value-types';
export { compileUserRegex, MAX_REGEX_LENGTH } from './safe-regex';
