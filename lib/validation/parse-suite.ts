import { z } from 'zod';
import { expectationSchema, type Expectation, type ExpectationInput } from './expectation-schema';
import { issuesFromZod, SuiteValidationError } from './suite-validation-error';

export const expectationSuiteSchema = z.strictObject({
  name: z.string().min(1),
  /** Revision of the suite, bumped by the editor on save; absent for ad hoc suites. */
  version: z.number().int().min(1).optional(),
  expectations: z.array(expectationSchema),
  meta: z.record(z.string(), z.unknown()).default({}),
});

/** A named, ordered list of expectations. */
export type ExpectationSuite = z.output<typeof expectationSuiteSchema>;
export type ExpectationSuiteInput = z.input<typeof expectationSuiteSchema>;

/**
 * Parses a ChurnLab suite (plain JSON, e.g. from storage or an API body). Throws `SuiteValidationError` whose
 * `issues` name each bad path, e.g. `expectations[3].kwargs.min_value: expected number, received string`.
 */
export function parseSuite(json: unknown): ExpectationSuite {
  const r = expectationSuiteSchema.safeParse(json);
  if (!r.success) throw new SuiteValidationError(issuesFromZod(r.error, json));
  return r.data;
}

/** Parses one expectation; issue paths are relative to it (`kwargs.column: …`). */
export function parseExpectation(json: unknown): Expectation {
  const r = expectationSchema.safeParse(json);
  if (!r.success) throw new SuiteValidationError(issuesFromZod(r.error, json), 'invalid expectation');
  return r.data;
}

/** Builds a suite from inputs (defaults applied), validating it. */
export function createSuite(name: string, expectations: ExpectationInput[], meta: Record<string, unknown> = {}): ExpectationSuite {
  return parseSuite({ name, expectations, meta });
}
