import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '@/lib/data/table';
import { inferCellKind, inferColumnKind, inferColumnTypes, parseNumberCell } from './infer-types';
import { levelRateAuc } from './level-profile';
import { sortedAuc } from './numeric-profile';
import { profileTable } from './profile-table';
import type { LevelColumnProfile, NumericColumnProfile, TextColumnProfile } from './profile-types';

describe('profileTable', () => {
  const t = tableFromColumns({
    x: new Float64Array([1, 2, 3, 4, NaN, 2]),
    rev: [4, 3, 2, 1, 5, 3],
    c: ['a', 'a', 'b', 'b', 'b', null],
    id: ['k1', 'k2', 'k3', 'k4', 'k5', 'k5'],
    when: ['2026-01-02', '2025-12-31', null, '2026-03-01', '2026-01-01', '2026-01-01'],
    y: ['No', 'No', 'Yes', 'Yes', 'Yes', 'No'],
  });
  const p = profileTable(t, { target: 'y', maxLevels: 3, bins: 3 });
  const col = <T>(name: string) => p.columns.find((c) => c.name === name) as T;

  it('detects the target and its positive value', () => {
    expect(p.format).toBe('churnlab.table-profile');
    expect(p.rowCount).toBe(6);
    expect(p.target).toEqual({ column: 'y', positive: 'Yes', positives: 3, negatives: 3, missing: 0, rate: 0.5 });
    expect(p.columns.map((c) => c.kind)).toEqual(['numeric', 'numeric', 'categorical', 'id', 'datetime', 'categorical']);
  });

  it('numeric stats, quantiles, histogram and AUC by hand', () => {
    const x = col<NumericColumnProfile>('x');
    expect([x.count, x.missing, x.distinct, x.min, x.max, x.mean]).toEqual([6, 1, 4, 1, 4, 2.4]);
    expect(x.std).toBeCloseTo(Math.sqrt(5.2 / 4), 12);
    expect(x.quantiles!.p50).toBe(2);
    expect(x.quantiles!.p25).toBe(2);
    expect(x.quantiles!.p75).toBe(3);
    expect(x.quantiles!.p05).toBeCloseTo(1.2, 12);
    expect(x.histogram.edges).toEqual([1, 2, 3, 4]);
    expect(x.histogram.counts).toEqual([1, 2, 2]);
    // Bin [1,2): no; [2,3): no, no; [3,4]: yes, yes.
    expect(x.histogram.churnRate).toEqual([0, 0, 1]);
    // Positives {3,4} vs negatives {1,2,2}: every pair ordered → 1.
    expect(x.target).toEqual({ auc: 1, direction: 'higher', missingChurnRate: 1 });
    const rev = col<NumericColumnProfile>('rev');
    // Positives {2,1,5} vs negatives {4,3,3}: pairs pos>neg = 3 (5 beats all) of 9 → 1/3 → reported 2/3, lower.
    expect(rev.target!.auc).toBeCloseTo(2 / 3, 12);
    expect(rev.target!.direction).toBe('lower');
  });

  it('categorical levels, churn rate and level-rate AUC', () => {
    const c = col<LevelColumnProfile>('c');
    expect(c.levels).toEqual([
      { value: 'b', count: 3, churnRate: 1 },
      { value: 'a', count: 2, churnRate: 0 },
    ]);
    expect(c.missing).toBe(1);
    expect(c.otherCount).toBe(0);
    // Scores: a 0 (2 neg), b 1 (3 pos), missing 0 (1 neg): every positive outranks every negative.
    expect(c.target!.auc).toBe(1);
    expect(c.target!.missingChurnRate).toBe(0);
  });

  it('ids report duplicates; datetimes their range', () => {
    const id = col<TextColumnProfile>('id');
    expect([id.distinct, id.duplicates, id.minLength, id.maxLength]).toEqual([5, 1, 2, 2]);
    expect(id.top[0]).toEqual({ value: 'k5', count: 2 });
    expect(p.columns[4]).toMatchObject({ min: '2025-12-31', max: '2026-03-01', missing: 1, distinct: 4 });
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('validates the target', () => {
    expect(() => profileTable(t, { target: 'nope' })).toThrow(RangeError);
    expect(() => profileTable(t, { target: 'x' })).toThrow(/two distinct/);
    const q = profileTable(t, { target: 'y', positive: 'No' });
    expect(q.target!.positives).toBe(3);
    expect((q.columns[0] as NumericColumnProfile).target!.direction).toBe('lower');
  });
});

describe('AUC kernels against a naive pairwise reference', () => {
  it('sortedAuc and levelRateAuc', () => {
    let s = 1;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const pos = Float64Array.from({ length: 50 }, () => Math.round(rnd() * 10));
    const neg = Float64Array.from({ length: 70 }, () => Math.round(rnd() * 8));
    let pairs = 0;
    for (const a of pos) for (const b of neg) pairs += a > b ? 1 : a === b ? 0.5 : 0;
    expect(sortedAuc(pos.slice().sort(), 50, neg.slice().sort(), 70)).toBeCloseTo(pairs / 3500, 12);
    expect(sortedAuc(pos, 50, neg, 0)).toBeNull();
    expect(levelRateAuc([1, 2, 1], [2, 3, 1])).toBeCloseTo(5.5 / 8, 12);
  });
});

describe('type inference', () => {
  it('text cells', () => {
    expect(inferCellKind(['1', ' 2.5 ', '', '  ', '-3e2'])).toBe('numeric');
    expect(inferCellKind(['1', 'x'])).toBe('string');
    expect(inferCellKind(['TRUE', 'false', ''])).toBe('boolean');
    expect(inferCellKind(['', ' '])).toBe('string');
    expect(parseNumberCell('0x10')).toBeNaN();
    expect(parseNumberCell('Infinity')).toBeNaN();
  });
  it('typed values', () => {
    expect(inferColumnKind([true, false, null])).toBe('boolean');
    expect(inferColumnKind(['2026-01-01T10:00:00Z', '2026-01-02'])).toBe('datetime');
    expect(inferColumnKind(Array.from({ length: 100 }, (_, i) => `free text ${i}`))).toBe('text');
    expect(inferColumnKind(Array.from({ length: 100 }, (_, i) => `L${i % 30}`))).toBe('categorical');
    expect(inferColumnTypes(tableFromColumns({ a: new Float64Array(2), b: ['x', 'y'] }))).toEqual({ a: 'numeric', b: 'categorical' });
  });
});
