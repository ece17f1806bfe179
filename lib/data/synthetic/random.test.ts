import { describe, expect, it } from 'vitest';
import { Sfc32, createRng, hashSeed } from './random';

describe('Sfc32', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new Sfc32(42);
    const b = new Sfc32(42);
    const c = new Sfc32(43);
    const sa = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('draws uniforms in [0,1) with mean ≈ 0.5 and normals with mean ≈ 0, sd ≈ 1', () => {
    const r = createRng(7);
    let sum = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      sum += u;
      if (u < min) min = u;
      if (u > max) max = u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s1 += z;
      s2 += z * z;
    }
    expect(s1 / n).toBeCloseTo(0, 1);
    expect(Math.sqrt(s2 / n - (s1 / n) ** 2)).toBeCloseTo(1, 1);
  });

  it('int stays in [min, max) and weighted follows the weights', () => {
    const r = createRng(1, 2);
    const counts = [0, 0, 0];
    const seen = new Set<number>();
    for (let i = 0; i < 30_000; i++) {
      seen.add(r.int(3, 6));
      counts[r.weighted([1, 2, 7])]++;
    }
    expect([...seen].sort()).toEqual([3, 4, 5]);
    expect(counts[2] / 30_000).toBeCloseTo(0.7, 1);
    expect(counts[0] / 30_000).toBeCloseTo(0.1, 1);
  });

  it('hashSeed depends on order and rejects nothing finite; non-finite seeds throw', () => {
    expect(hashSeed(1, 2)).not.toBe(hashSeed(2, 1));
    expect(() => new Sfc32(Number.NaN)).toThrow(RangeError);
  });
});
