import { describe, expect, it } from 'vitest';
import { exp, sigmoid } from './exp';

function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const buf = new DataView(new ArrayBuffer(16));
  buf.setFloat64(0, a);
  buf.setFloat64(8, b);
  return Math.abs(Number(buf.getBigInt64(0) - buf.getBigInt64(8)));
}

describe('deterministic exp', () => {
  it('is within 1 ulp of Math.exp across the range', () => {
    let state = 12345;
    const rand = () => ((state = (state * 1103515245 + 12345) >>> 0) / 4294967296);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = (rand() - 0.5) * 1400;
      worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
    }
    for (let i = 0; i < 200_000; i++) {
      const x = (rand() - 0.5) * 40;
      worst = Math.max(worst, ulps(exp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
  it('handles the edges', () => {
    expect(exp(0)).toBe(1);
    expect(exp(1)).toBeCloseTo(Math.E, 15);
    expect(exp(NaN)).toBeNaN();
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(-745)).toBeGreaterThan(0); // subnormal
    expect(exp(709.7)).toBeLessThan(Infinity);
    expect(exp(1e-10)).toBe(1 + 1e-10);
  });
  it('sigmoid is symmetric and bounded', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(40)).toBeLessThanOrEqual(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(3) + sigmoid(-3)).toBeCloseTo(1, 15);
  });
});
