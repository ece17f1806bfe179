import { describe, expect, it } from 'vitest';
import { parseCsv, CsvStreamParser } from './csv';
import { DataFormatError } from './data-format-error';

const enc = (s: string) => new TextEncoder().encode(s);

async function formatError(input: Parameters<typeof parseCsv>[0]): Promise<DataFormatError> {
  try {
    await parseCsv(input);
  } catch (e) {
    if (e instanceof DataFormatError) return e;
    throw e;
  }
  throw new Error('expected a DataFormatError');
}

describe('parseCsv', () => {
  it('infers numeric, boolean and string columns; blanks are missing', async () => {
    const r = await parseCsv('id,x,flag,city\r\nA, 1.5 ,true,Paris\r\nB,,FALSE,  \r\nC,-2e1,,"New, York"\r\n');
    expect(r.rowCount).toBe(3);
    expect(r.types).toEqual({ id: 'string', x: 'numeric', flag: 'boolean', city: 'string' });
    expect(Array.from(r.table.array('x'))).toEqual([1.5, NaN, -20]);
    expect(r.table.array('flag')).toEqual([true, false, null]);
    expect(r.table.array('city')).toEqual(['Paris', null, 'New, York']);
  });

  it('honours per-column overrides', async () => {
    const r = await parseCsv('zip,churn\n01234,Yes\n99999,No\n', { types: { zip: 'categorical', churn: 'boolean' } });
    expect(r.types).toEqual({ zip: 'categorical', churn: 'boolean' });
    expect(r.table.array('zip')).toEqual(['01234', '99999']);
    expect(r.table.array('churn')).toEqual([true, false]);
    await expect(parseCsv('a\nx\n', { types: { a: 'numeric' } })).rejects.toMatchObject({ line: 2, column: 'a' });
  });

  it('parses the same across arbitrary chunk boundaries, quoted newlines included', async () => {
    const text = 'a,b\n1,"multi\nline ""q"""\n2,ü€\n3,x\n';
    const whole = await parseCsv(text);
    const bytes = enc(text);
    for (const size of [1, 2, 3, 7]) {
      const p = new CsvStreamParser();
      for (let i = 0; i < bytes.length; i += size) p.push(bytes.subarray(i, i + size));
      const r = p.end();
      expect(r.table.array('b')).toEqual(whole.table.array('b'));
    }
    expect(whole.table.array('b')).toEqual(['multi\nline "q"', 'ü€', 'x']);
    const rs = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes.subarray(0, 5)); c.enqueue(bytes.subarray(5)); c.close(); } });
    expect((await parseCsv(rs)).rowCount).toBe(3);
  });

  it('ragged rows name their line (after a quoted newline too)', async () => {
    expect(await formatError('a,b\n1,2\n3\n')).toMatchObject({ line: 3 });
    expect(await formatError('a,b\n1,"x\ny"\n3,4,5\n')).toMatchObject({ line: 4 });
    expect((await formatError('a,b\n1,2\n3\n')).message).toMatch(/line 3.*expected 2 fields/);
  });

  it('rejects bad UTF-8, NUL bytes, empty files, header-only files and bad headers', async () => {
    const bad = new Uint8Array([...enc('a,b\n1,2\n3,'), 0xc3, 0x28, ...enc('\n')]);
    expect(await formatError(bad)).toMatchObject({ line: 3, message: expect.stringMatching(/UTF-8/) });
    expect(await formatError(new Uint8Array([...enc('a,b\n1,2\n'), 0, 1, 2]))).toMatchObject({ line: 3, message: expect.stringMatching(/NUL/) });
    expect(await formatError('')).toMatchObject({ line: 1, message: expect.stringMatching(/empty/) });
    expect(await formatError(new Uint8Array())).toMatchObject({ line: 1 });
    expect(await formatError('a,b\n')).toMatchObject({ line: 2, message: expect.stringMatching(/header only/) });
    expect(await formatError('a,a\n1,2\n')).toMatchObject({ line: 1, column: 'a' });
    expect(await formatError('a,,c\n1,2,3\n')).toMatchObject({ line: 1, message: expect.stringMatching(/empty header/) });
    expect(await formatError('a,b\n1,"open\n')).toMatchObject({ message: expect.stringMatching(/unterminated|quote/i) });
  });
});
