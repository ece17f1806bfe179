import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { churnRateSpec, histogramBins, histogramSpec } from './vega-specs';

describe('histogramBins', () => {
  it('splits min..max into equal bins, ignoring NaN, last bin closed', () => {
    const b = histogramBins([0, 1, 2, 3, 4, NaN, 10], 5);
    expect(b.map((x) => x.count)).toEqual([2, 2, 1, 0, 1]);
    expect(b[0]).toEqual({ x0: 0, x1: 2, count: 2 });
    expect(b[4].x1).toBe(10);
  });
  it('handles empty and constant columns', () => {
    expect(histogramBins([NaN])).toEqual([]);
    expect(histogramBins([3, 3, 3])).toEqual([{ x0: 3, x1: 4, count: 3 }]);
  });
});

describe('specs', () => {
  it('histogram spec compiles to vega with binned x', () => {
    const spec = histogramSpec('tenure', histogramBins([1, 2, 3, 4], 2));
    expect(spec).toMatchObject({ mark: { type: 'bar' }, encoding: { x: { field: 'x0', bin: { binned: true } }, x2: { field: 'x1' } } });
    const vg = compile(spec).spec;
    expect(vg.data?.some((d) => 'values' in d && Array.isArray(d.values) && d.values.length === 2)).toBe(true);
  });
  it('churn-rate spec drops levels without a rate and adds the overall rule', () => {
    const levels = [
      { level: 'a', churnRate: 0.5, count: 10 },
      { level: 'b', churnRate: null, count: 3 },
    ];
    const plain = churnRateSpec('plan', levels) as { data: { values: unknown[] } };
    expect(plain.data.values).toEqual([{ level: 'a', churnRate: 0.5, count: 10 }]);
    const layered = churnRateSpec('plan', levels, 0.2) as { layer: unknown[] };
    expect(layered.layer).toHaveLength(2);
    expect(() => compile(churnRateSpec('plan', levels, 0.2))).not.toThrow();
  });
});
