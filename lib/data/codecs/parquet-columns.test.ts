import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { MAX_DICTIONARY, writeParquetColumns, type ParquetColumn } from './parquet-columns';
import { parquetToTable } from './parquet';
import { utf8Column } from './utf8-column';

function file(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

describe('writeParquetColumns', () => {
  it('round-trips every type through an independent reader, across row groups, nulls and Snappy on or off', async () => {
    const n = 2_503;
    const ids = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? `ü-${i}-😀` : `C${i}`));
    const notes = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : i % 5 === 0 ? '' : `note ${'x'.repeat(i % 130)}`));
    const p = Float64Array.from({ length: n }, (_, i) => (i === 7 ? NaN : i === 8 ? -0 : Math.sin(i) / (i + 1)));
    const k = Int32Array.from({ length: n }, (_, i) => (i === 9 ? -2147483648 : i === 10 ? 2147483647 : i % 10));
    for (const compress of [true, false]) {
      const columns: ParquetColumn[] = [
        { name: 'id', type: 'utf8', data: utf8Column(ids), compress },
        { name: 'note', type: 'utf8', data: utf8Column(notes), compress },
        { name: 'p', type: 'double', data: p, compress },
        { name: 'k', type: 'int32', data: k, compress },
      ];
      const bytes = writeParquetColumns(columns, { rowGroupSize: 1000, kvMetadata: [{ key: 'a', value: 'b' }] });
      const rows = (await parquetReadObjects({ file: file(bytes) })) as Record<string, unknown>[];
      expect(rows.map((r) => r.id)).toEqual(ids);
      expect(rows.map((r) => r.note)).toEqual(notes);
      expect(rows.map((r) => r.p)).toEqual([...p]);
      expect(Object.is(rows[8].p, -0)).toBe(true);
      expect(rows.map((r) => r.k)).toEqual([...k]);
      const meta = parquetMetadata(file(bytes));
      expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([1000, 1000, 503]);
      expect(meta.schema.slice(1).map((e) => [e.name, e.type, e.repetition_type])).toEqual([
        ['id', 'BYTE_ARRAY', 'REQUIRED'],
        ['note', 'BYTE_ARRAY', 'OPTIONAL'],
        ['p', 'DOUBLE', 'REQUIRED'],
        ['k', 'INT32', 'REQUIRED'],
      ]);
      expect(meta.key_value_metadata).toEqual([{ key: 'a', value: 'b' }]);
      // statistics: bounds skip NaN; nulls counted
      const g0 = meta.row_groups[0].columns;
      expect(g0[1].meta_data?.statistics?.null_count).toBe(334n);
      const finite = [...p.subarray(0, 1000)].filter((v) => !Number.isNaN(v));
      expect(g0[2].meta_data?.statistics).toMatchObject({ min_value: Math.min(...finite), max_value: Math.max(...finite) });
      expect(g0[3].meta_data?.statistics).toMatchObject({ min_value: -2147483648, max_value: 2147483647 });
      expect(g0.every((c) => c.meta_data?.codec === (compress ? 'SNAPPY' : 'UNCOMPRESSED'))).toBe(true);
    }
  });

  it("is read by the app's own Parquet reader, and writes an empty table", async () => {
    const t = await parquetToTable(writeParquetColumns([{ name: 's', type: 'utf8', data: utf8Column(['a', null]) }, { name: 'x', type: 'double', data: Float64Array.from([1.5, 2]) }]));
    expect(t.table.array('s')).toEqual(['a', null]);
    expect(Array.from(t.table.array('x'))).toEqual([1.5, 2]);
    const empty = writeParquetColumns([{ name: 'x', type: 'int32', data: new Int32Array(0) }]);
    expect(await parquetReadObjects({ file: file(empty) })).toEqual([]);
    expect(parquetMetadata(file(empty)).num_rows).toBe(0n);
  });

  it('dictionary-encodes int32 columns of few distinct values (runs, a constant, bit widths 1 to 12), PLAIN past the limit', async () => {
    const n = 25_000;
    const sorted = Int32Array.from({ length: n }, (_, i) => 9 - Math.floor((i * 10) / n));
    const flags = Int32Array.from({ length: n }, (_, i) => (i * 7919) % 3 === 0 ? 1 : 0);
    const constant = new Int32Array(n).fill(-7);
    const wide = Int32Array.from({ length: n }, (_, i) => (i % MAX_DICTIONARY) - 2000);
    const tooMany = Int32Array.from({ length: n }, (_, i) => (i % (MAX_DICTIONARY + 1)) * 3);
    const columns: ParquetColumn[] = [
      { name: 'sorted', type: 'int32', data: sorted, dictionary: true },
      { name: 'flags', type: 'int32', data: flags, dictionary: true },
      { name: 'constant', type: 'int32', data: constant, dictionary: true },
      { name: 'wide', type: 'int32', data: wide, dictionary: true },
      { name: 'too_many', type: 'int32', data: tooMany, dictionary: true },
    ];
    const bytes = writeParquetColumns(columns, { rowGroupSize: 10_000 });
    const rows = (await parquetReadObjects({ file: file(bytes) })) as Record<string, unknown>[];
    for (const c of columns) expect(rows.map((r) => r[c.name])).toEqual([...(c.data as Int32Array)]);
    const t = await parquetToTable(bytes);
    expect(Array.from(t.table.array('wide') as ArrayLike<number>)).toEqual([...wide]);
    const meta = parquetMetadata(file(bytes));
    for (const g of meta.row_groups) {
      const [s, f, k, w, x] = g.columns.map((ch) => ch.meta_data!);
      for (const m of [s, f, k, w]) {
        expect(m.encodings).toEqual(['PLAIN', 'RLE_DICTIONARY']);
        expect(m.dictionary_page_offset).toBeDefined();
      }
      expect(x.encodings).toEqual(['PLAIN']);
      expect(x.dictionary_page_offset).toBeUndefined();
      // runs and a constant take a few bytes per chunk, not 4 per row
      expect(Number(s.total_compressed_size)).toBeLessThan(200);
      expect(Number(k.total_compressed_size)).toBeLessThan(100);
      expect(k.statistics).toMatchObject({ min_value: -7, max_value: -7 });
    }
  });

  it('names what is wrong with the columns', () => {
    expect(() => writeParquetColumns([])).toThrow(/at least one column/);
    expect(() => writeParquetColumns([{ name: 'a', type: 'double', data: new Float64Array(2) }, { name: 'b', type: 'int32', data: new Int32Array(3) }])).toThrow(/column "b" has 3 rows, "a" has 2/);
    expect(() => writeParquetColumns([{ name: 'a', type: 'double', data: new Float64Array(2) }, { name: 'a', type: 'int32', data: new Int32Array(2) }])).toThrow(/"a" appears twice/);
    expect(() => writeParquetColumns([{ name: 'a', type: 'double', data: new Float64Array(2) }], { rowGroupSize: 0 })).toThrow(/rowGroupSize/);
  });
});
