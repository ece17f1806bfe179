import { describe, expect, it } from 'vitest';
import { profileTable } from '@/lib/data/profile/profile-table';
import { tableFromColumns } from '@/lib/data/table';
import { normalizeColumnProfile, normalizeProfile, profileTargetRate } from './profile-view';

describe('normalizeColumnProfile', () => {
  it('reads the API contract shape', () => {
    const r = normalizeColumnProfile({
      name: 'plan', type: 'categorical', count: 10, missing: 2, distinct: 3,
      topLevels: [{ value: 'pro', count: 5, churnRate: 0.2 }], auc: 0.61,
    });
    expect(r).toMatchObject({ name: 'plan', type: 'categorical', missingRate: 0.2, distinct: 3, auc: 0.61 });
    expect(r!.levels).toEqual([{ value: 'pro', count: 5, churnRate: 0.2 }]);
  });
  it('tolerates missing and malformed optional fields', () => {
    const r = normalizeColumnProfile({ name: 'x', count: 'many', histogram: { edges: [0, 1], counts: [] }, topLevels: 'no' });
    expect(r).toMatchObject({ type: 'unknown', count: null, missingRate: null, min: null, auc: null, levels: [], histogram: null });
    expect(normalizeColumnProfile({ type: 'numeric' })).toBeNull();
    expect(normalizeProfile(null)).toEqual([]);
    expect(normalizeProfile({ columns: 'x' })).toEqual([]);
  });
  it('reads lib/data/profile output (kind, levels, target.auc)', () => {
    const t = tableFromColumns({
      tenure: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
      plan: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'],
      churn: ['Yes', 'Yes', 'Yes', 'No', 'No', 'No', 'No', 'No'],
    });
    const p = profileTable(t, { target: 'churn', positive: 'Yes', kinds: { plan: 'categorical', churn: 'categorical' } });
    const rows = normalizeProfile(p);
    const tenure = rows.find((r) => r.name === 'tenure')!;
    expect(tenure).toMatchObject({ type: 'numeric', min: 1, max: 8, mean: 4.5, missingRate: 0, auc: 1 });
    expect(tenure.histogram?.counts.reduce((a, b) => a + b, 0)).toBe(8);
    expect(rows.find((r) => r.name === 'plan')!.levels.map((l) => l.value)).toEqual(['a', 'b']);
    expect(profileTargetRate(p)).toBeCloseTo(3 / 8);
  });
});
