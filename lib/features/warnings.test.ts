import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../data/table';
import { fit } from './fit';
import type { FeatureSpec } from './spec';
import { featureWarnings, rocAuc } from './warnings';

describe('rocAuc', () => {
  it('matches hand-computed values with ties', () => {
    expect(rocAuc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    // pairs (pos, neg): (2 vs 1) win, (2 vs 2) tie, (3 vs 1) win, (3 vs 2) win → 3.5 / 4
    expect(rocAuc([1, 2, 2, 3, NaN], [0, 0, 1, 1, 1])).toBe(0.875);
  });
});

describe('featureWarnings', () => {
  const n = 120;
  const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
  const table = tableFromColumns({
    noise: Array.from({ length: n }, (_, i) => (i * 7919) % 101),
    refund: y.map((v, i) => v * 100 + (i % 5)), // known only after churn
    flat: Array.from({ length: n }, () => 3),
    zip: Array.from({ length: n }, (_, i) => `z${(i * 7) % 61}`),
    churned: y,
  });

  it('flags leakage by AUC, constant features and high-cardinality categoricals', () => {
    const spec: FeatureSpec = {
      format: 'churnlab.feature-spec',
      version: 1,
      target: 'churned',
      steps: [{ type: 'encode', method: 'ordinal', columns: ['zip'] }],
    };
    const w = featureWarnings(fit(spec, table), table, 'churned');
    const codes = w.map((x) => `${x.code}:${x.name}`).sort();
    expect(codes).toEqual(['constant:flat', 'high_cardinality:zip', 'leakage:refund']);
    expect(w.find((x) => x.code === 'leakage')!.value).toBe(1);
  });

  it('does not report a high-cardinality column that is dropped (an id feeds no feature)', () => {
    const spec: FeatureSpec = { format: 'churnlab.feature-spec', version: 1, target: 'churned', steps: [{ type: 'drop', columns: ['zip'] }] };
    const w = featureWarnings(fit(spec, table), table, 'churned');
    expect(w.map((x) => `${x.code}:${x.name}`).sort()).toEqual(['constant:flat', 'leakage:refund']);
  });

  it('flags an expression that references the target', () => {
    const spec: FeatureSpec = {
      format: 'churnlab.feature-spec',
      version: 1,
      steps: [
        { type: 'derive', name: 'sneaky', expression: 'noise + churned * 0' },
        { type: 'drop', columns: ['zip', 'churned', 'refund'] },
      ],
    };
    // Fitted without a target (so the expression is allowed); the warning catches it.
    const w = featureWarnings(fit(spec, table), table, 'churned');
    expect(w.some((x) => x.code === 'target_in_expression' && x.name === 'sneaky')).toBe(true);
  });
});
