import { describe, expect, it } from 'vitest';
import { isMissing } from '../data/table';
import { tallyBetween, tallyInSet, tallyNulls, tallyUnique } from './column-kernels';
import { distinctValues, numericMedian, numericSummary } from './column-aggregates';

// Naive references (readable, allocation-happy) to test the fast kernels against.
function naive(col: ArrayLike<unknown>, bad: (v: unknown) => boolean) {
  const vals = Array.from(col);
  const present = vals.map((v, i) => [v, i] as const).filter(([v]) => !isMissing(v));
  const badRows = present.filter(([v]) => bad(v)).map(([, i]) => i);
  return { missing: vals.length - present.length, unexpected: badRows.length, rows: badRows };
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function columns(seed: number): ArrayLike<unknown>[] {
  const r = rng(seed);
  const n = 500;
  const f = new Float64Array(n).map(() => (r() < 0.1 ? Number.NaN : Math.round(r() * 100)));
  const i32 = new Int32Array(n).map(() => Math.floor(r() * 300));
  const plain = Array.from({ length: n }, () => {
    const u = r();
    return u < 0.05 ? null : u < 0.08 ? undefined : u < 0.1 ? 'x' : Math.round(r() * 100);
  });
  return [f, i32, plain];
}

describe('column kernels match naive references', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}`, () => {
      for (const col of columns(seed)) {
        const rows = new Int32Array(1000);
        const b = tallyBetween(col, 10, 60, false, true, rows);
        const nb = naive(col, (v) => typeof v !== 'number' || v < 10 || v >= 60);
        expect([b.missing, b.unexpected, [...rows.subarray(0, b.found)]]).toEqual([nb.missing, nb.unexpected, nb.rows]);

        const set = new Set<unknown>([1, 2, 3, 50, 'x']);
        const s = tallyInSet(col, set, false, rows);
        const ns = naive(col, (v) => !set.has(v));
        expect([s.missing, s.unexpected, [...rows.subarray(0, s.found)]]).toEqual([ns.missing, ns.unexpected, ns.rows]);

        const counts = new Map<unknown, number>();
        for (const v of Array.from(col)) if (!isMissing(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
        const u = tallyUnique(col, rows);
        const nu = naive(col, (v) => (counts.get(v) ?? 0) > 1);
        expect([u.missing, u.unexpected, [...rows.subarray(0, u.found)]]).toEqual([nu.missing, nu.unexpected, nu.rows]);

        const nn = tallyNulls(col, false, rows);
        expect(nn.unexpected).toBe(Array.from(col).filter(isMissing).length);

        const nums = Array.from(col).filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
        if (nums.length === Array.from(col).filter((v) => !isMissing(v)).length) {
          const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
          const sd = Math.sqrt(nums.reduce((a, b) => a + (b - mean) ** 2, 0) / (nums.length - 1));
          const sum = numericSummary(col);
          expect(sum.mean).toBeCloseTo(mean, 9);
          expect(sum.stdev).toBeCloseTo(sd, 9);
          const sorted = nums.slice().sort((a, b) => a - b);
          const m = sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
          expect(numericMedian(col)).toBe(m);
        }
      }
    });
  }

  it('caps recorded rows at the buffer length but counts all', () => {
    const rows = new Int32Array(3);
    const t = tallyBetween(new Float64Array([5, 6, 7, 8, 9]), 0, 1, false, false, rows);
    expect(t).toEqual({ missing: 0, unexpected: 5, found: 3 });
    expect([...rows]).toEqual([0, 1, 2]);
  });

  it('unique and distinct: Dates by timestamp, -0 equals 0, 1 differs from "1", objects by identity', () => {
    const rows = new Int32Array(20);
    const col = [1, '1', new Date(5), new Date(5), -0, 0, true, true, null, 'a'];
    const u = tallyUnique(col, rows);
    expect([...rows.subarray(0, u.found)]).toEqual([2, 3, 4, 5, 6, 7]);
    expect(u.missing).toBe(1);
    expect(distinctValues(col).values).toEqual([1, '1', new Date(5), -0, true, 'a']);
    const o = {};
    const objs = tallyUnique([o, {}, o, null], rows);
    expect([objs.unexpected, [...rows.subarray(0, objs.found)], objs.missing]).toEqual([2, [0, 2], 1]);
  });

  it('groups a heavily repeated column', () => {
    const col = Array.from({ length: 5000 }, (_, i) => ['x', 'y', 'z'][i % 3]);
    expect(distinctValues(col)).toMatchObject({ values: ['x', 'y', 'z'], nonNull: 5000, missing: 0 });
    expect(tallyUnique(col, new Int32Array(0)).unexpected).toBe(5000);
  });
});
