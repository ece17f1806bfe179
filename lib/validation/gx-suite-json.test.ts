import { describe, expect, it } from 'vitest';
import { fromGxSuiteJson, toGxSuiteJson } from './gx-suite-json';
import { parseSuite } from './parse-suite';
import { seedSuite } from './seed-suite';
import { SuiteValidationError } from './suite-validation-error';

// A GX 0.18 suite as `suite.to_json_dict()` writes it.
const gx018 = {
  expectation_suite_name: 'customers.warning',
  ge_cloud_id: null,
  data_asset_type: null,
  expectations: [
    { expectation_type: 'expect_table_row_count_to_be_between', kwargs: { min_value: 1, max_value: null }, meta: {} },
    {
      expectation_type: 'expect_column_values_to_be_between',
      kwargs: { column: 'age', min_value: 18, max_value: 100, mostly: 0.95, result_format: 'SUMMARY', catch_exceptions: true },
      meta: { notes: { format: 'markdown', content: 'adults only' } },
    },
    { expectation_type: 'expect_column_values_to_be_in_set', kwargs: { column: 'gender', value_set: ['Male', 'Female', 'Other'] }, meta: {} },
  ],
  meta: { great_expectations_version: '0.18.8', citations: [] },
};

describe('GX suite JSON', () => {
  it('imports GX 0.x, dropping run-time kwargs', () => {
    const s = fromGxSuiteJson(gx018);
    expect(s.name).toBe('customers.warning');
    expect(s.expectations[1]).toEqual({
      expectation_type: 'expect_column_values_to_be_between',
      kwargs: { column: 'age', min_value: 18, max_value: 100, mostly: 0.95 },
      meta: { notes: { format: 'markdown', content: 'adults only' } },
      severity: 'error',
      enabled: true,
    });
    expect(s.meta).toEqual({ citations: [] });
  });

  it('round trips ChurnLab → GX 0.x → ChurnLab, severity/enabled/version included', () => {
    const s = seedSuite();
    s.version = 3;
    s.expectations[6] = { ...s.expectations[6], severity: 'warning', enabled: false };
    const gx = JSON.parse(JSON.stringify(toGxSuiteJson(s)));
    expect(gx.expectation_suite_name).toBe('churnlab_seed');
    expect(gx.expectations[6].meta.churnlab).toEqual({ severity: 'warning', enabled: false });
    expect(gx.expectations[0].meta.churnlab).toBeUndefined();
    expect(fromGxSuiteJson(gx)).toEqual(s);
  });

  it('round trips GX 0.x → ChurnLab → GX 0.x for the expectation list', () => {
    const out = toGxSuiteJson(fromGxSuiteJson(gx018)) as typeof gx018;
    expect(out.expectations[0]).toEqual(gx018.expectations[0]);
    expect(out.expectations[2]).toEqual(gx018.expectations[2]);
    const { result_format, catch_exceptions, ...kw } = gx018.expectations[1].kwargs;
    void result_format;
    void catch_exceptions;
    expect(out.expectations[1].kwargs).toEqual(kw);
  });

  it('round trips through the 1.x flavour', () => {
    const s = parseSuite({ name: 'x', expectations: [{ expectation_type: 'expect_column_values_to_be_unique', kwargs: { column: 'id' }, severity: 'warning' }] });
    const gx = toGxSuiteJson(s, { flavor: '1.x' });
    expect(gx.name).toBe('x');
    expect((gx.expectations as Array<{ type: string }>)[0].type).toBe('expect_column_values_to_be_unique');
    expect(fromGxSuiteJson(gx)).toEqual(s);
  });

  it('imports GX 1.x best effort: type, flattened kwargs, class names, severity', () => {
    const s = fromGxSuiteJson({
      name: 'v1',
      id: 'abc',
      expectations: [
        { type: 'expect_column_values_to_not_be_null', column: 'customer_id', mostly: 1, id: 'e1', meta: null, notes: 'key', severity: 'critical' },
        { type: 'ExpectColumnValuesToBeBetween', column: 'tenure', min_value: 0, max_value: 120, strict_min: false, severity: 'warning' },
        { type: 'expect_column_values_to_match_regex', kwargs: { column: 'customer_id', regex: '^C\\d+$' }, meta: {} },
      ],
      meta: { great_expectations_version: '1.3.0' },
      notes: null,
    });
    expect(s.expectations.map((e) => [e.expectation_type, e.severity])).toEqual([
      ['expect_column_values_to_not_be_null', 'error'],
      ['expect_column_values_to_be_between', 'warning'],
      ['expect_column_values_to_match_regex', 'error'],
    ]);
    expect(s.expectations[0].kwargs).toEqual({ column: 'customer_id', mostly: 1 });
    expect(s.expectations[0].meta).toEqual({ notes: 'key' });
  });

  it('refuses unsupported types (or skips them), row_condition, bad kwargs, missing name', () => {
    const withUnknown = { ...gx018, expectations: [...gx018.expectations, { expectation_type: 'expect_column_kl_divergence_to_be_less_than', kwargs: { column: 'a' } }] };
    expect(() => fromGxSuiteJson(withUnknown)).toThrow(/expectations\[3\]\.expectation_type: unknown expectation type/);
    const skipped = fromGxSuiteJson(withUnknown, { onUnsupported: 'skip' });
    expect(skipped.expectations).toHaveLength(3);
    expect(skipped.meta.churnlab).toEqual({ skipped: [{ index: 3, expectation_type: 'expect_column_kl_divergence_to_be_less_than' }] });

    const cond = { ...gx018, expectations: [{ expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a', row_condition: 'b > 1' } }] };
    expect(() => fromGxSuiteJson(cond)).toThrow(/row_condition is not supported/);

    const badKw = { ...gx018, expectations: [gx018.expectations[0], { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'a', min_value: 'x' } }] };
    try {
      fromGxSuiteJson(badKw);
      throw new Error('unreachable');
    } catch (err) {
      expect(err).toBeInstanceOf(SuiteValidationError);
      expect((err as SuiteValidationError).issues[0].path).toBe('expectations[1].kwargs.min_value');
    }
    expect(() => fromGxSuiteJson({ expectations: [] })).toThrow(/expectation_suite_name/);
    expect(() => fromGxSuiteJson('nope')).toThrow(SuiteValidationError);
  });
});
