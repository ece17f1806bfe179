import { describe, expect, it } from 'vitest';
import { sampleRows } from './sample';
import { tableFromColumns } from './table';

describe('sampleRows', () => {
  const t = tableFromColumns({ id: Array.from({ length: 1000 }, (_, i) => `c${i}`), x: Float64Array.from({ length: 1000 }, (_, i) => i) });
  it('returns exactly n rows, in order, deterministically', () => {
    const a = sampleRows(t, 100, 7);
    expect(a.numRows()).toBe(100);
    const xs = Array.from(a.array('x') as Float64Array);
    expect(xs).toEqual([...xs].sort((p, q) => p - q));
    expect(new Set(xs).size).toBe(100);
    expect(Array.from(sampleRows(t, 100, 7).array('x') as Float64Array)).toEqual(xs);
    expect(Array.from(sampleRows(t, 100, 8).array('x') as Float64Array)).not.toEqual(xs);
    expect((a.array('id') as string[])[0]).toBe(`c${xs[0]}`);
  });
  it('keeps small tables whole and rejects bad sizes', () => {
    expect(sampleRows(t, 5000)).toBe(t);
    expect(() => sampleRows(t, -1)).toThrow(RangeError);
  });
});
