import { describe, expect, it } from 'vitest';
import { FeatureSpecError, formatPath, parseFeatureSpec } from './spec';
import { seedFeatureSpec } from './seed-spec';

const base = { format: 'churnlab.feature-spec', version: 1 };

function issuesOf(json: unknown): string[] {
  try {
    parseFeatureSpec(json);
  } catch (e) {
    expect(e).toBeInstanceOf(FeatureSpecError);
    return (e as FeatureSpecError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected rejection');
}

describe('parseFeatureSpec', () => {
  it('accepts the seed spec and survives JSON', () => {
    expect(parseFeatureSpec(JSON.parse(JSON.stringify(seedFeatureSpec())))).toEqual(seedFeatureSpec());
  });
  it('names the path of a bad expression with its position', () => {
    const steps = [
      { type: 'drop', columns: ['a'] },
      { type: 'impute', strategy: 'median', columns: 'numeric' },
      { type: 'derive', name: 'x', expression: 'a + process.exit()' },
    ];
    expect(issuesOf({ ...base, steps })).toEqual(['steps[2].expression: at 11: unexpected character "."']);
  });
  it('names bad discriminators, unknown keys, wrong versions', () => {
    expect(issuesOf({ ...base, steps: [{ type: 'explode' }] })[0]).toMatch(/^steps\[0\]\.type: /);
    expect(issuesOf({ ...base, steps: [{ type: 'encode', method: 'hash', columns: ['a'] }] })[0]).toMatch(/^steps\[0\]\.method: /);
    expect(issuesOf({ ...base, steps: [{ type: 'drop', columns: ['a'], extra: 1 }] })[0]).toMatch(/^steps\[0\]/);
    expect(issuesOf({ ...base, version: 2, steps: [] })[0]).toMatch(/^version: /);
    expect(issuesOf({ ...base, steps: [{ type: 'impute', strategy: 'constant', columns: ['a'] }] })).toEqual([
      'steps[0].fill_value: strategy "constant" needs fill_value',
    ]);
  });
  it('formats paths', () => {
    expect(formatPath(['steps', 2, 'expression'])).toBe('steps[2].expression');
    expect(formatPath([])).toBe('(root)');
  });
});
