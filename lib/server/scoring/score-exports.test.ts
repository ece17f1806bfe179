import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { parquetToTable } from '@/lib/data/codecs/parquet';
import { utf8Column } from '@/lib/data/codecs/utf8-column';
import { CSV_HEADER, scoresCsvChunks, scoresParquet, startExportThread, writeScoreExports, type ScoreColumns } from './score-exports';

const batch = { id: 'cbatch1', modelName: 'churn-model', modelVersion: 3 };
/** The whole CSV export (the writer hands it over in chunks). */
const scoresCsv = (b: typeof batch, c: ScoreColumns, scoredAt: string) => Buffer.concat([...scoresCsvChunks(b, c, scoredAt)]);
const at = '2026-11-28T02:00:00.000Z';
const reasons = JSON.stringify([{ feature: 'tenure', value: 2, contribution: 0.5, direction: 'increases' }]);
// spreadsheet formulas, quoting, multi-byte UTF-8 (2, 3 and 4 bytes), plain ids, and an id longer than 64 bytes
const ids = ['=HYPERLINK("x")', 'Ünïcødé-1', 'a,b', '日本-7', '😀-8', 'C-0001', '-5', ' padded', `L${'0123456789'.repeat(8)}`];
const why = [reasons, reasons, null, null, null, null, null, null, `[{"feature":"${'x'.repeat(100)}"}]`];
const cols: ScoreColumns = {
  customerId: utf8Column(ids),
  probability: Float64Array.from([0.99, 0.9, 0.8, 0.7, 0.6, 0.5, 0.123456789012345, 0.01, 0.001]),
  decile: Int32Array.from([10, 10, 9, 8, 7, 6, 2, 1, 1]),
  label: Int32Array.from([1, 1, 1, 1, 1, 0, 0, 0, 0]),
  reasons: utf8Column(why),
};

describe('score exports', () => {
  it('Parquet: every value round-trips, multi-byte ids included; required columns; batch metadata', async () => {
    const bytes = scoresParquet(batch, cols, at);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = (await parquetReadObjects({ file })) as Record<string, unknown>[];
    expect(rows.map((r) => r.customer_id)).toEqual(ids);
    expect(rows.map((r) => r.probability)).toEqual([...cols.probability]);
    expect(rows.map((r) => r.decile)).toEqual([...cols.decile]);
    expect(rows.map((r) => r.label)).toEqual([...cols.label]);
    expect(rows.map((r) => r.top_reasons)).toEqual(why);
    expect(rows.every((r) => r.model_version === 3)).toBe(true);
    const meta = parquetMetadata(file);
    const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((e) => [e.key, e.value]));
    expect(kv).toMatchObject({ 'churnlab.model': 'churn-model', 'churnlab.model_version': '3', 'churnlab.batch_id': 'cbatch1', 'churnlab.scored_at': at });
    // the app's own reader takes it like a snapshot
    const t = await parquetToTable(bytes);
    expect(t.types).toMatchObject({ customer_id: 'string', probability: 'double', decile: 'int32', top_reasons: 'string' });
    expect(t.rowCount).toBe(ids.length);
    expect(t.table.array('customer_id')).toEqual(ids);
  });

  it('CSV: header, one line per customer, formulas neutralised and commas quoted, numbers exact', () => {
    const lines = scoresCsv(batch, cols, at).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(ids.length + 2);
    expect(lines.at(-1)).toBe('');
    expect(lines[1].startsWith(`"'=HYPERLINK(""x"")",0.99,10,1,"[{""feature""`)).toBe(true);
    expect(lines[1].endsWith(`,churn-model,3,cbatch1,${at}`)).toBe(true);
    expect(lines[2].startsWith('Ünïcødé-1,0.9,10,1,')).toBe(true);
    expect(lines[3].startsWith('"a,b",0.8,9,1,,')).toBe(true);
    expect(lines[5].startsWith('😀-8,')).toBe(true);
    expect(lines[6].startsWith('C-0001,0.5,6,0,,')).toBe(true);
    expect(lines[7].startsWith("'-5,0.123456789012345,2,0,,")).toBe(true);
    expect(lines[8].startsWith('" padded",0.01,1,0,,')).toBe(true);
    expect(lines[9].startsWith(`${ids[8]},0.001,1,0,"[{""feature"":""${'x'.repeat(100)}""}]",churn-model,`)).toBe(true);
  });

  it('CSV spans chunks without losing or repeating a line', () => {
    const n = 200_000;
    // ~120 bytes a line: several 4 MB buffers
    const big: ScoreColumns = {
      customerId: utf8Column(Array.from({ length: n }, (_, i) => `C${i}`)),
      probability: new Float64Array(n).fill(0.5),
      decile: new Int32Array(n).fill(5),
      label: new Int32Array(n),
      reasons: utf8Column(Array.from({ length: n }, (_, i) => (i % 2 ? null : `[${'1,'.repeat(40)}1]`))),
    };
    const lines = scoresCsv(batch, big, at).toString('utf8').split('\r\n');
    expect(lines).toHaveLength(n + 2);
    const wrong = lines.slice(1, n + 1).findIndex((l, i) => !l.startsWith(`C${i},0.5,5,0,${i % 2 ? ',' : '"['}`) || !l.endsWith(`,churn-model,3,cbatch1,${at}`));
    expect(wrong).toBe(-1);
    expect(lines[n].split(',')[0]).toBe(`C${n - 1}`);
  });

  it('the export thread writes the same files as the calling thread', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-exports-'));
    const before = process.env.DATA_DIR;
    process.env.DATA_DIR = dir;
    // the content store reads the validated server configuration (no database is used here)
    process.env.DATABASE_URL ??= 'postgresql://unused@127.0.0.1:1/unused';
    process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-42';
    try {
      const here = await writeScoreExports(batch, cols, at);
      const there = await startExportThread().write(batch, cols, at);
      expect(there).toEqual(here);
      const { contentPath } = await import('@/lib/server/storage/content-store');
      expect((await readFile(contentPath('exports', there.csvHash, 'csv'))).equals(scoresCsv(batch, cols, at))).toBe(true);
      // the columns are copied, not moved: still usable here
      expect(cols.probability[0]).toBe(0.99);
      // columns on SharedArrayBuffers (as the batch scorer builds them) are shared with the thread: the same files
      const shared: ScoreColumns = {
        customerId: utf8Column(ids, { shared: true }),
        probability: new Float64Array(new SharedArrayBuffer(8 * ids.length)),
        decile: new Int32Array(new SharedArrayBuffer(4 * ids.length)),
        label: new Int32Array(new SharedArrayBuffer(4 * ids.length)),
        reasons: utf8Column(why, { shared: true }),
      };
      shared.probability.set(cols.probability);
      shared.decile.set(cols.decile);
      shared.label.set(cols.label);
      expect(await startExportThread().write(batch, shared, at)).toEqual(here);
      // a thread started early gets its columns later; it writes one batch; a closed thread writes none
      const early = startExportThread();
      await new Promise((r) => setTimeout(r, 300));
      expect(await early.write(batch, shared, at)).toEqual(here);
      await expect(early.write(batch, shared, at)).rejects.toThrow(/writes one batch/);
      const closed = startExportThread();
      closed.close();
      await expect(closed.write(batch, shared, at)).rejects.toThrow(/closed/);
    } finally {
      if (before === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = before;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
