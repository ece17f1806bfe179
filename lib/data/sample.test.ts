import { describe, expect, it } from 'vitest';
import { rowRange, sampleRows } from './sample';
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

describe('rowRange', () => {
  it('views rows [lo, hi): typed columns share memory, others are copies; whole range is the table itself', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i * 1.5);
    const s = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const t = tableFromColumns({ x, s });
    const r = rowRange(t, 3, 7);
    expect(r.numRows()).toBe(4);
    expect(r.columnNames()).toEqual(['x', 's']);
    const rx = r.array('x') as Float64Array;
    expect(Array.from(rx)).toEqual([4.5, 6, 7.5, 9]);
    expect(rx.buffer).toBe(x.buffer);
    expect(r.array('s')).toEqual(['c3', 'c4', 'c5', 'c6']);
    expect(r.array('s')).toBe(r.array('s'));
    expect(rowRange(t, 0, 10)).toBe(t);
    expect(rowRange(t, 5, 5).array('s')).toEqual([]);
    expect(() => rowRange(t, 4, 11)).toThrow(/rows 4…11 are not a range of the table's 10 rows/);
    expect(() => rowRange(t, 5, 4)).toThrow(RangeError);
    expect(() => r.array('nope')).toThrow(/unknown column/);
  });
});
