import { parquetReadObjects } from 'hyparquet';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { describe, expect, it } from 'vitest';
import { parquetToTable, tableToParquet } from '@/lib/data/codecs/parquet';
import { writeParquetColumns } from '@/lib/data/codecs/parquet-columns';
import { utf8Column } from '@/lib/data/codecs/utf8-column';
import { tableFromColumns } from '@/lib/data/table';
import { nativeSnappyDecompressors, snappyCompressNative } from './native-snappy';

describe('native Snappy', () => {
  const n = 5_000;
  const ids = Array.from({ length: n }, (_, i) => (i % 91 === 0 ? `ü-${i}-😀` : `CUST-${String(i * 7919).padStart(9, '0')}`));
  const p = Float64Array.from({ length: n }, (_, i) => Math.cos(i) / (i + 1));

  it('writes pages the JavaScript reader decodes; views of shared memory compress too', async () => {
    const bytes = writeParquetColumns([{ name: 'id', type: 'utf8', data: utf8Column(ids) }, { name: 'p', type: 'double', data: p }], { rowGroupSize: 1_500, snappy: snappyCompressNative });
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.map((r) => r.p)).toEqual([...p]);
    // shared memory is copied before the native call
    const shared = new Uint8Array(new SharedArrayBuffer(3000)).fill(7);
    expect([...nativeSnappyDecompressors.SNAPPY!(snappyCompressNative(shared), 3000)]).toEqual([...new Uint8Array(3000).fill(7)]);
  });

  it('reads what the JavaScript writer wrote; a page of the wrong size is refused', async () => {
    const bytes = tableToParquet(tableFromColumns({ id: ids, p }), { id: 'string', p: 'double' });
    const t = await parquetToTable(bytes, { compressors: nativeSnappyDecompressors });
    expect(t.table.array('id')).toEqual(ids);
    expect(Array.from(t.table.array('p') as Float64Array)).toEqual([...p]);
    const page = snappyCompress(new TextEncoder().encode('x'.repeat(100)));
    expect(() => nativeSnappyDecompressors.SNAPPY!(page, 99)).toThrow(/expands to 100 bytes, its header says 99/);
  });
});
