import { parquetMetadata, parquetSchema } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '@/lib/data/table';
import { DataFormatError } from './data-format-error';
import { parquetToTable, tableToParquet } from './parquet';

function sample(n = 1000) {
  const x = new Float64Array(n);
  const k: (number | null)[] = [];
  const s: (string | null)[] = [];
  const b: (boolean | null)[] = [];
  for (let i = 0; i < n; i++) {
    x[i] = i % 17 === 0 ? NaN : i * 0.125 - 3.3;
    k.push(i % 11 === 0 ? null : i - 500);
    s.push(i % 13 === 0 ? null : `C${String(i).padStart(7, '0')} ü`);
    b.push(i % 7 === 0 ? null : i % 2 === 0);
  }
  return tableFromColumns({ x, k, s, b });
}

describe('tableToParquet / parquetToTable', () => {
  it('round-trips float64, int32, string and boolean columns with nulls', async () => {
    const t = sample();
    const bytes = tableToParquet(t, { k: 'int32' });
    const back = await parquetToTable(bytes);
    expect(back.types).toEqual({ x: 'double', k: 'int32', s: 'string', b: 'boolean' });
    expect(back.table.columnNames()).toEqual(['x', 'k', 's', 'b']);
    expect(back.rowCount).toBe(1000);
    expect(Array.from(back.table.array('x'))).toEqual(Array.from(t.array('x') as Float64Array));
    expect(Array.from(back.table.array('k'))).toEqual(Array.from(t.array('k'), (v) => (v === null ? NaN : v)));
    expect(back.table.array('s')).toEqual(t.array('s'));
    expect(back.table.array('b')).toEqual(t.array('b'));
  });

  it('spans several row groups', async () => {
    const n = 250_001;
    const x = new Float64Array(n).map((_, i) => i);
    const back = await parquetToTable(tableToParquet(tableFromColumns({ x })));
    expect(back.rowCount).toBe(n);
    expect((back.table.array('x') as Float64Array)[n - 1]).toBe(n - 1);
  });

  it('writes a column without missing values as REQUIRED, one with any as OPTIONAL; both read back', async () => {
    const n = 120_000;
    const full = new Float64Array(n).map((_, i) => i * 0.5);
    const gap = new Float64Array(n).map((_, i) => (i === n - 1 ? NaN : i));
    const text = Array.from({ length: n }, (_, i) => `c${i % 3}`);
    const textGap = Array.from({ length: n }, (_, i) => (i === 7 ? null : `c${i % 3}`));
    const flags = Array.from({ length: n }, (_, i) => i % 2 === 0);
    const bytes = tableToParquet(tableFromColumns({ full, gap, text, textGap, flags }), {});
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const repetition = Object.fromEntries(parquetSchema(parquetMetadata(buf)).children.map((c) => [c.element.name, c.element.repetition_type]));
    expect(repetition).toEqual({ full: 'REQUIRED', gap: 'OPTIONAL', text: 'REQUIRED', textGap: 'OPTIONAL', flags: 'REQUIRED' });
    const back = await parquetToTable(bytes);
    expect(Array.from(back.table.array('full'))).toEqual(Array.from(full));
    expect(Array.from(back.table.array('gap'))).toEqual(Array.from(gap));
    expect(back.table.array('text')).toEqual(text);
    expect(back.table.array('textGap')).toEqual(textGap);
    expect(back.table.array('flags')).toEqual(flags);
  });

  it('writes identical bytes for identical data, different bytes for different data', () => {
    const a = tableToParquet(sample());
    const b = tableToParquet(sample());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const changed = sample();
    (changed.array('x') as Float64Array)[5] = 1;
    expect(Buffer.from(tableToParquet(changed)).equals(Buffer.from(a))).toBe(false);
  });

  it('rejects values that do not fit the declared type', () => {
    expect(() => tableToParquet(tableFromColumns({ k: [1.5] }), { k: 'int32' })).toThrow(/int32/);
    expect(() => tableToParquet(tableFromColumns({ k: [1] }), { z: 'int32' })).toThrow(/unknown column/);
  });

  it('throws DataFormatError for garbage and truncated files', async () => {
    await expect(parquetToTable(new TextEncoder().encode('a,b\n1,2\n'))).rejects.toThrow(DataFormatError);
    const good = tableToParquet(sample());
    await expect(parquetToTable(good.slice(0, good.length - 40))).rejects.toThrow(DataFormatError);
    const corrupt = good.slice();
    for (let i = 8; i < 200; i++) corrupt[i] = 0xff;
    await expect(parquetToTable(corrupt)).rejects.toThrow(DataFormatError);
  });
});
