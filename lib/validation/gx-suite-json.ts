import { isExpectationType } from './expectation-schema';
import { expectationSuiteSchema, type ExpectationSuite } from './parse-suite';
import { issuesFromZod, SuiteValidationError, type SuiteIssue } from './suite-validation-error';

/**
 * Great Expectations suite JSON ⇄ ChurnLab suite.
 *
 * Import accepts GX 0.x (`expectation_suite_name`, `expectations[].expectation_type` + `kwargs`) fully, and GX
 * 1.x best effort (`name`, `expectations[].type`, kwargs nested or flattened onto the expectation, PascalCase
 * class names such as `ExpectColumnValuesToNotBeNull`, `severity: critical|warning|info`). GX run-time kwargs
 * without meaning here (`result_format`, `catch_exceptions`, `include_config`, `batch_id`, `condition_parser`)
 * are dropped; a non-null `row_condition` is refused (silently ignoring it would widen the check).
 *
 * ChurnLab-only fields travel in `meta.churnlab`: `{ severity, enabled }` per expectation and `{ version }` per
 * suite. A GX run of an exported suite evaluates disabled expectations too; GX has no such flag.
 */

const DROPPED_KWARGS = new Set(['result_format', 'catch_exceptions', 'include_config', 'batch_id', 'condition_parser']);
/** 1.x expectation fields that are not kwargs when kwargs are flattened. */
const NON_KWARG_FIELDS = new Set([
  'type', 'expectation_type', 'kwargs', 'meta', 'id', 'ge_cloud_id', 'notes', 'description', 'severity',
  'rendered_content', 'windows', 'expectation_context',
]);

export interface FromGxOptions {
  /** `'error'` (default): an expectation type ChurnLab does not support is an issue. `'skip'`: drop it and list it in `meta.churnlab.skipped`. */
  onUnsupported?: 'error' | 'skip';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function snakeFromClassName(t: string): string {
  return /^Expect[A-Z]/.test(t) ? t.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() : t;
}

/** Parses a GX expectation suite (0.x or 1.x JSON object); throws `SuiteValidationError` naming bad paths. */
export function fromGxSuiteJson(obj: unknown, options: FromGxOptions = {}): ExpectationSuite {
  if (!isRecord(obj)) throw new SuiteValidationError([{ path: '', message: 'expected a JSON object' }], 'invalid GX suite');
  const issues: SuiteIssue[] = [];
  const name = obj.expectation_suite_name ?? obj.name;
  if (typeof name !== 'string' || name === '') issues.push({ path: 'expectation_suite_name', message: 'expected a non-empty string' });
  if (!Array.isArray(obj.expectations)) issues.push({ path: 'expectations', message: 'expected array' });
  if (issues.length > 0) throw new SuiteValidationError(issues, 'invalid GX suite');

  const gxMeta = isRecord(obj.meta) ? { ...obj.meta } : {};
  const churn = isRecord(gxMeta.churnlab) ? gxMeta.churnlab : {};
  delete gxMeta.churnlab;
  delete gxMeta.great_expectations_version; // rewritten on export
  const skipped: Array<{ index: number; expectation_type: string }> = [];
  const expectations: unknown[] = [];
  (obj.expectations as unknown[]).forEach((raw, index) => {
    const at = `expectations[${index}]`;
    if (!isRecord(raw)) {
      issues.push({ path: at, message: 'expected object' });
      return;
    }
    const rawType = raw.expectation_type ?? raw.type;
    const type = typeof rawType === 'string' ? snakeFromClassName(rawType) : rawType;
    if (!isExpectationType(type)) {
      if (options.onUnsupported === 'skip' && typeof type === 'string') skipped.push({ index, expectation_type: type });
      else issues.push({ path: `${at}.expectation_type`, message: `unknown expectation type ${JSON.stringify(rawType)}` });
      return;
    }
    let kwargs: Record<string, unknown>;
    if (isRecord(raw.kwargs)) kwargs = { ...raw.kwargs };
    else {
      kwargs = {};
      for (const [k, v] of Object.entries(raw)) if (!NON_KWARG_FIELDS.has(k)) kwargs[k] = v;
    }
    if (kwargs.row_condition != null) {
      issues.push({ path: `${at}.kwargs.row_condition`, message: 'row_condition is not supported' });
      return;
    }
    delete kwargs.row_condition;
    for (const k of DROPPED_KWARGS) delete kwargs[k];
    const meta = isRecord(raw.meta) ? { ...raw.meta } : {};
    const ours = isRecord(meta.churnlab) ? meta.churnlab : {};
    delete meta.churnlab;
    if (typeof raw.notes === 'string' && meta.notes === undefined) meta.notes = raw.notes;
    const severity = ours.severity ?? (raw.severity === undefined ? undefined : raw.severity === 'critical' ? 'error' : 'warning');
    expectations.push({ expectation_type: type, kwargs, meta, severity, enabled: ours.enabled });
  });
  if (issues.length > 0) throw new SuiteValidationError(issues, 'invalid GX suite');

  const meta: Record<string, unknown> = { ...gxMeta };
  if (skipped.length > 0) meta.churnlab = { skipped };
  const input = { name, version: churn.version, expectations, meta };
  const r = expectationSuiteSchema.safeParse(input);
  if (!r.success) throw new SuiteValidationError(issuesFromZod(r.error, input), 'invalid GX suite');
  return r.data;
}

export interface ToGxOptions {
  /** `'0.x'` (default): `expectation_suite_name` / `expectation_type`. `'1.x'`: `name` / `type`, kwargs nested. */
  flavor?: '0.x' | '1.x';
}

/** Serialises a suite as GX suite JSON; ChurnLab fields go to `meta.churnlab`. */
export function toGxSuiteJson(suite: ExpectationSuite, options: ToGxOptions = {}): Record<string, unknown> {
  const v1 = options.flavor === '1.x';
  const expectations = suite.expectations.map((e) => {
    const meta: Record<string, unknown> = { ...e.meta };
    if (e.severity !== 'error' || !e.enabled) meta.churnlab = { severity: e.severity, enabled: e.enabled };
    const kwargs = structuredClone(e.kwargs);
    return v1 ? { type: e.expectation_type, kwargs, meta } : { expectation_type: e.expectation_type, kwargs, meta };
  });
  const meta: Record<string, unknown> = { great_expectations_version: v1 ? '1.3.0' : '0.18.19', ...suite.meta };
  if (suite.version !== undefined) meta.churnlab = { version: suite.version };
  return v1
    ? { name: suite.name, id: null, expectations, meta, notes: null }
    : { expectation_suite_name: suite.name, ge_cloud_id: null, data_asset_type: null, expectations, meta };
}
