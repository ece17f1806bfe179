import { describe, expect, it } from 'vitest';
import { parseExpectation, parseSuite } from './parse-suite';
import { SuiteValidationError } from './suite-validation-error';

function issuesOf(fn: () => unknown): Array<{ path: string; message: string }> {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SuiteValidationError);
    return (err as SuiteValidationError).issues;
  }
  throw new Error('expected a SuiteValidationError');
}

const ok = { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a' } };

describe('parseSuite', () => {
  it('applies defaults: severity error, enabled true, meta {}', () => {
    const s = parseSuite({ name: 's', expectations: [ok] });
    expect(s.expectations[0]).toEqual({ ...ok, meta: {}, severity: 'error', enabled: true });
    expect(s.meta).toEqual({});
  });

  it('names the path of a wrongly typed kwarg', () => {
    const bad = { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'a', min_value: '18' } };
    const issues = issuesOf(() => parseSuite({ name: 's', expectations: [ok, ok, ok, bad] }));
    expect(issues).toEqual([{ path: 'expectations[3].kwargs.min_value', message: 'expected number, received string' }]);
    try {
      parseSuite({ name: 's', expectations: [ok, ok, ok, bad] });
    } catch (err) {
      expect((err as Error).message).toContain('expectations[3].kwargs.min_value: expected number');
    }
  });

  it('rejects an unknown expectation type', () => {
    const issues = issuesOf(() => parseSuite({ name: 's', expectations: [ok, { expectation_type: 'expect_magic', kwargs: {} }] }));
    expect(issues).toEqual([{ path: 'expectations[1].expectation_type', message: 'unknown expectation type "expect_magic"' }]);
  });

  it('rejects unknown kwargs, missing kwargs, bad severity, bad mostly', () => {
    expect(issuesOf(() => parseSuite({ name: 's', expectations: [{ ...ok, kwargs: { column: 'a', mostyl: 0.9 } }] }))).toEqual([
      { path: 'expectations[0].kwargs.mostyl', message: 'unknown key' },
    ]);
    expect(issuesOf(() => parseSuite({ name: 's', expectations: [{ ...ok, kwargs: {} }] }))[0].path).toBe('expectations[0].kwargs.column');
    expect(issuesOf(() => parseSuite({ name: 's', expectations: [{ ...ok, severity: 'fatal' }] }))[0].path).toBe('expectations[0].severity');
    expect(issuesOf(() => parseSuite({ name: 's', expectations: [{ ...ok, kwargs: { column: 'a', mostly: 1.5 } }] }))[0].path).toBe(
      'expectations[0].kwargs.mostly',
    );
  });

  it('checks bounds: at least one, min ≤ max', () => {
    const between = (kwargs: object) => ({ expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'a', ...kwargs } });
    expect(issuesOf(() => parseSuite({ name: 's', expectations: [between({})] }))[0]).toEqual({
      path: 'expectations[0].kwargs.min_value',
      message: 'at least one of min_value or max_value is required',
    });
    expect(issuesOf(() => parseSuite({ name: 's', expectations: [between({ min_value: 5, max_value: 1 })] }))[0].path).toBe(
      'expectations[0].kwargs.max_value',
    );
  });

  it('refuses invalid, overlong and catastrophic regexes', () => {
    const re = (regex: string) => ({ name: 's', expectations: [{ expectation_type: 'expect_column_values_to_match_regex', kwargs: { column: 'a', regex } }] });
    expect(issuesOf(() => parseSuite(re('(abc')))[0]).toMatchObject({ path: 'expectations[0].kwargs.regex', message: expect.stringMatching(/invalid regex/) });
    expect(issuesOf(() => parseSuite(re('a'.repeat(501))))[0].message).toMatch(/at most 500/);
    expect(issuesOf(() => parseSuite(re('^(a+)+$')))[0].message).toMatch(/catastrophic/);
    expect(issuesOf(() => parseSuite(re('(\\w+\\s?)*')))[0].message).toMatch(/catastrophic/);
    expect(parseSuite(re('^[A-Z]{2}-\\d+$')).expectations).toHaveLength(1);
    expect(parseSuite(re('^(\\d+)?$')).expectations).toHaveLength(1);
  });

  it('refuses an unsupported of_type name', () => {
    const s = { name: 's', expectations: [{ expectation_type: 'expect_column_values_to_be_of_type', kwargs: { column: 'a', type_: 'complex128' } }] };
    expect(issuesOf(() => parseSuite(s))[0]).toMatchObject({ path: 'expectations[0].kwargs.type_', message: expect.stringMatching(/unsupported type "complex128"/) });
  });

  it('reports several issues at once and rejects a non-object', () => {
    const issues = issuesOf(() => parseSuite({ name: '', expectations: [{ ...ok, kwargs: { column: 3 } }] }));
    expect(issues.map((i) => i.path)).toEqual(['name', 'expectations[0].kwargs.column']);
    expect(issuesOf(() => parseSuite(null))[0].path).toBe('');
  });

  it('parseExpectation paths are relative to the expectation', () => {
    expect(issuesOf(() => parseExpectation({ expectation_type: 'expect_column_values_to_be_unique', kwargs: {} }))[0].path).toBe('kwargs.column');
  });
});
