import { parquetMetadata } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '@/lib/data/table';
import { DataFormatError } from './data-format-error';
import { parquetToTable, tableToParquet } from './parquet';
import { writeParquetColumns } from './parquet-columns';
import { readUtf8Column } from './parquet-utf8';
import { utf8Column, utf8Values } from './utf8-column';

function file(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

const n = 230_000; // three row groups of tableToParquet (100k rows each), several pages each
const ids = Array.from({ length: n }, (_, i) => (i % 1009 === 0 ? `ü-${i}-😀-中` : i % 4099 === 0 ? '' : `C${String(i).padStart(7, '0')}`));
const withNulls = ids.map((v, i) => (i % 13 === 0 ? null : v));
const plans = ['Month-to-month', 'One year', 'Two year', 'ümlaut plan'];
const plan = Array.from({ length: n }, (_, i) => (i % 17 === 0 ? null : plans[(i * 7) % 4]));
const tenure = Float64Array.from({ length: n }, (_, i) => i % 72);
const bytes = tableToParquet(tableFromColumns({ id: ids, nullable: withNulls, plan, tenure }));

describe('readUtf8Column', () => {
  it('reads a snapshot text column as UTF-8 bytes: the same values as the string reader, nulls included', async () => {
    const buf = file(bytes);
    const meta = parquetMetadata(buf);
    expect(meta.row_groups.length).toBe(3);
    const strings = (await parquetToTable(bytes)).table;
    for (const name of ['id', 'nullable', 'plan']) {
      const c = readUtf8Column(buf, meta, name);
      expect(c, name).not.toBeNull();
      expect(c!.length).toBe(n);
      expect(utf8Values(c!), name).toEqual(strings.array(name));
      // the layout utf8Column gives those values (offsets, bytes, validity)
      const want = utf8Column(strings.array(name) as (string | null)[]);
      expect([...c!.offsets]).toEqual([...want.offsets]);
      expect(Buffer.from(c!.bytes).equals(Buffer.from(want.bytes))).toBe(true);
      expect(c!.valid === null ? null : [...c!.valid]).toEqual(want.valid === null ? null : [...want.valid]);
    }
    // a dictionary-encoded column: the writer chose a dictionary for four distinct plans
    const planChunk = meta.row_groups[0].columns[2].meta_data!;
    expect(planChunk.encodings).toContain('RLE_DICTIONARY');
    // not text: left to the general reader
    expect(readUtf8Column(buf, meta, 'tenure')).toBeNull();
    expect(readUtf8Column(buf, meta, 'missing')).toBeNull();
  });

  it('reads the columns of our own Parquet writer (required and optional, Snappy on and off)', () => {
    const notes = ids.slice(0, 5000).map((v, i) => (i % 3 === 0 ? null : `${v} ${'x'.repeat(i % 90)}`));
    for (const compress of [true, false]) {
      const written = writeParquetColumns(
        [
          { name: 'id', type: 'utf8', data: utf8Column(ids.slice(0, 5000)), compress },
          { name: 'note', type: 'utf8', data: utf8Column(notes), compress },
        ],
        { rowGroupSize: 1500 },
      );
      const buf = file(written);
      const meta = parquetMetadata(buf);
      expect(utf8Values(readUtf8Column(buf, meta, 'id')!)).toEqual(ids.slice(0, 5000));
      expect(utf8Values(readUtf8Column(buf, meta, 'note')!)).toEqual(notes);
    }
  });

  it('parquetToTable: the columns asked for as UTF-8 come apart from the table, the others as before', async () => {
    const { table, utf8, rowCount, types } = await parquetToTable(bytes, { utf8Columns: ['id', 'tenure', 'nope'] });
    expect(rowCount).toBe(n);
    expect(Object.keys(utf8)).toEqual(['id']);
    expect(utf8Values(utf8.id)).toEqual(ids);
    // tenure is no text column: it stays in the table, as does everything not asked for
    expect(table.columnNames()).toEqual(['nullable', 'plan', 'tenure']);
    expect(table.numRows()).toBe(n);
    expect(table.array('plan')).toEqual(plan);
    expect(types.id).toBe('string');
  });

  it('refuses corrupt pages with a DataFormatError naming the column, and bytes that are not UTF-8', async () => {
    const broken = bytes.slice();
    const meta = parquetMetadata(file(bytes));
    const chunk = meta.row_groups[0].columns[0].meta_data!;
    // the first page's body, past its header: its values no longer decompress
    const at = Number(chunk.dictionary_page_offset || chunk.data_page_offset) + 40;
    for (let k = 0; k < 64; k++) broken[at + k] ^= 0x5a;
    const read = parquetToTable(broken, { utf8Columns: ['id'] });
    await expect(read).rejects.toBeInstanceOf(DataFormatError);
    await expect(read).rejects.toThrow(/id/);
    // a value that is not UTF-8 (written raw): not read as bytes, so the general reader decodes it as it always has
    const bad = writeParquetColumns([{ name: 'id', type: 'utf8', data: { length: 2, bytes: Uint8Array.from([0x41, 0xff, 0x42]), offsets: Int32Array.from([0, 2, 3]), valid: null } }], {});
    expect(readUtf8Column(file(bad), parquetMetadata(file(bad)), 'id')).toBeNull();
    const split = writeParquetColumns([{ name: 'id', type: 'utf8', data: { length: 2, bytes: Uint8Array.from([0xc3, 0xbc]), offsets: Int32Array.from([0, 1, 2]), valid: null } }], {});
    expect(readUtf8Column(file(split), parquetMetadata(file(split)), 'id')).toBeNull();
  });
});
