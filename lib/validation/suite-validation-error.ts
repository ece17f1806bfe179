import type { z } from 'zod';

/** One problem found in a suite or expectation, located by a path such as `expectations[3].kwargs.min_value`. */
export interface SuiteIssue {
  /** Dotted/indexed path from the root of the parsed input; `''` for the root itself. */
  path: string;
  message: string;
}

/**
 * Thrown when a suite or a single expectation does not parse: unknown `expectation_type`, missing or wrongly typed
 * kwargs, unknown kwargs, an invalid or unsafe regex. `message` lists every issue as `path: message`.
 */
export class SuiteValidationError extends Error {
  override readonly name = 'SuiteValidationError';
  readonly issues: SuiteIssue[];

  constructor(issues: SuiteIssue[], context = 'invalid expectation suite') {
    super(`${context}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
    this.issues = issues;
  }
}

/** Renders a zod path as `expectations[3].kwargs.min_value`. */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Turns zod issues into `SuiteIssue`s with short messages (`expected number, received string`). */
export function issuesFromZod(error: z.core.$ZodError, input: unknown, prefix = ''): SuiteIssue[] {
  const out: SuiteIssue[] = [];
  for (const issue of error.issues) {
    const path = formatPath(issue.path, prefix);
    switch (issue.code) {
      case 'invalid_type':
        out.push({ path, message: `expected ${issue.expected}, received ${describe(valueAt(input, issue.path))}` });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push({ path: formatPath([...issue.path, key], prefix), message: 'unknown key' });
        break;
      case 'invalid_union': {
        const v = valueAt(input, issue.path);
        if ('discriminator' in issue && issue.discriminator !== undefined) {
          out.push({
            path,
            message: v === undefined ? 'missing expectation type' : `unknown expectation type ${JSON.stringify(v)}`,
          });
        } else out.push({ path, message: issue.message });
        break;
      }
      default:
        out.push({ path, message: issue.message });
    }
  }
  return out;
}
