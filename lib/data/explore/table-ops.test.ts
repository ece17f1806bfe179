import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyView, binIndex, groupSummary, numericValues, positiveTest, tableFromColumns } from './table-ops';

function sample() {
  return tableFromColumns({
    id: ['a', 'b', 'c', 'd', 'e', 'f'],
    plan: ['basic', 'pro', 'basic', null, 'Pro', 'basic'],
    spend: Float64Array.from([10, 50, NaN, 30, 20, 40]),
    churn: ['Yes', 'No', 'Yes', 'No', null, 'No'],
  });
}

function rows(view: ReturnType<typeof sample>, col: string): unknown[] {
  return Array.from(view.indices(), (r) => view.column(col)!.at(r));
}

describe('applyView', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('filters by case-insensitive contains and skips missing', () => {
    const v = applyView(sample(), [{ type: 'contains', column: 'plan', text: 'PRO' }], null);
    expect(v.numRows()).toBe(2);
    expect(rows(v, 'id')).toEqual(['b', 'e']);
  });

  it('filters by inclusive numeric range, open bounds, and ANDs filters', () => {
    const base = sample();
    expect(rows(applyView(base, [{ type: 'range', column: 'spend', min: 20, max: 40 }], null), 'id')).toEqual(['d', 'e', 'f']);
    expect(rows(applyView(base, [{ type: 'range', column: 'spend', min: null, max: 20 }], null), 'id')).toEqual(['a', 'e']);
    const both = applyView(base, [{ type: 'range', column: 'spend', min: 20, max: null }, { type: 'contains', column: 'plan', text: 'bas' }], null);
    expect(rows(both, 'id')).toEqual(['f']);
  });

  it('ignores empty filters', () => {
    const v = applyView(sample(), [{ type: 'contains', column: 'plan', text: '  ' }, { type: 'range', column: 'spend', min: null, max: null }], null);
    expect(v.numRows()).toBe(6);
    expect(v.isFiltered()).toBe(false);
  });

  it('sorts numbers and strings both ways with missing last', () => {
    const base = sample();
    expect(rows(applyView(base, [], { column: 'spend', desc: false }), 'id')).toEqual(['a', 'e', 'd', 'f', 'b', 'c']);
    expect(rows(applyView(base, [], { column: 'spend', desc: true }), 'id')).toEqual(['b', 'f', 'd', 'e', 'a', 'c']);
    expect(rows(applyView(base, [], { column: 'plan', desc: false }), 'plan')).toEqual(['Pro', 'basic', 'basic', 'basic', 'pro', null]);
  });

  it('treats filter text as data, not code', () => {
    const v = applyView(sample(), [{ type: 'contains', column: 'plan', text: "') || true || ('" }], null);
    expect(v.numRows()).toBe(0);
  });

  it('never needs the Function constructor (the CSP forbids eval)', () => {
    const base = sample();
    vi.stubGlobal('Function', () => {
      throw new EvalError('Function is blocked by CSP');
    });
    const v = applyView(base, [{ type: 'range', column: 'spend', min: 0, max: 100 }], { column: 'spend', desc: true });
    expect(rows(v, 'id')).toEqual(['b', 'f', 'd', 'e', 'a']);
    expect(groupSummary(v, 'plan', { target: 'churn', meanOf: 'spend' }).rows.length).toBe(4);
  });

  it('rejects unknown columns', () => {
    expect(() => applyView(sample(), [{ type: 'contains', column: 'nope', text: 'x' }], null)).toThrow(/nope/);
    expect(() => applyView(sample(), [], { column: 'nope', desc: false })).toThrow(/nope/);
  });
});

describe('groupSummary', () => {
  it('counts, churn rate and mean per level, largest first', () => {
    const s = groupSummary(sample(), 'plan', { target: 'churn', positive: 'Yes', meanOf: 'spend' });
    expect(s.binned).toBe(false);
    expect(s.rows[0]).toEqual({ key: 'basic', count: 3, churnRate: 2 / 3, mean: 25 });
    expect(s.rows.find((r) => r.key === '(missing)')).toEqual({ key: '(missing)', count: 1, churnRate: 0, mean: 30 });
    expect(s.rows.find((r) => r.key === 'Pro')).toEqual({ key: 'Pro', count: 1, churnRate: null, mean: 20 });
  });

  it('respects the view filter and omits groups past the limit', () => {
    const v = applyView(sample(), [{ type: 'range', column: 'spend', min: 25, max: null }], null);
    const s = groupSummary(v, 'plan', { limit: 1 });
    expect(s.rows).toEqual([{ key: '(missing)', count: 1, churnRate: null, mean: null }]);
    expect(s.omitted).toBe(2);
  });

  it('bins numeric columns with many distinct values, in numeric order', () => {
    const n = 100;
    const t = tableFromColumns({ x: Float64Array.from({ length: n }, (_, i) => n - 1 - i) });
    const s = groupSummary(t, 'x', { bins: 4 });
    expect(s.binned).toBe(true);
    expect(s.rows.map((r) => r.count)).toEqual([25, 25, 25, 25]);
    expect(s.rows[0].key).toBe('[0, 24.75)');
    expect(s.rows[3].key).toBe('[74.25, 99]');
  });

  it('detects positive words when no positive value is given', () => {
    const p = positiveTest(null);
    expect([p('Yes'), p(1), p(true), p('no'), p(0), p(null)]).toEqual([true, true, true, false, false, null]);
    expect(positiveTest('No')('No')).toBe(true);
  });
});

describe('helpers', () => {
  it('bins values with a closed last bin', () => {
    expect(binIndex(0, 0, 10, 5)).toBe(0);
    expect(binIndex(10, 0, 10, 5)).toBe(4);
    expect(binIndex(3.9, 0, 10, 5)).toBe(1);
    expect(binIndex(5, 5, 5, 5)).toBe(0);
  });
  it('extracts non-missing numbers in view order', () => {
    const v = applyView(sample(), [], { column: 'spend', desc: true });
    expect(Array.from(numericValues(v, 'spend'))).toEqual([50, 40, 30, 20, 10]);
  });
});
