import { describe, expect, it } from 'vitest';
import { argsortAsc } from './argsort';

describe('argsortAsc', () => {
  it('equals a comparator sort, ties and near-ties included', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 50_000;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = i % 7 === 0 ? 0.5 : i % 11 === 0 ? 0.5 + 1e-13 * (i % 3) : rnd();
    const keys = Array.from({ length: n }, (_, i) => `k${(i * 7919) % n}`);
    const tie = (a: number, b: number) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0);
    const want = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a] - v[b] || tie(a, b));
    expect(argsortAsc(v, tie)).toEqual(want);
  });
  it('orders −0 with 0, subnormals, Infinity (fallback) and exact ties by the tie-break', () => {
    const v = Float64Array.from([Infinity, 0, -0, 5e-324, 1, 0, 1e-310, Infinity, 0.25, -0]);
    const tie = (a: number, b: number) => b - a; // later rows first among equals
    const want = Uint32Array.from({ length: v.length }, (_, i) => i).sort((a, b) => (v[a] === v[b] ? tie(a, b) : v[a] - v[b]));
    expect([...argsortAsc(v, tie)]).toEqual([...want]);
    expect([...argsortAsc(v, tie)]).toEqual([9, 5, 2, 1, 3, 6, 8, 4, 7, 0]);
    const finite = v.slice(1, 7);
    expect([...argsortAsc(finite, tie)]).toEqual([4, 1, 0, 2, 5, 3]);
  });
  it('falls back for negative values', () => {
    const v = Float64Array.from([0.3, -1, 2]);
    expect([...argsortAsc(v, (a, b) => a - b)]).toEqual([1, 0, 2]);
  });
});
