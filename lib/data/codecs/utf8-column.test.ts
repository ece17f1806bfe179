import { describe, expect, it } from 'vitest';
import { compareUtf8, copyUtf8Value, takeUtf8, utf8Column, utf8Value, utf8Values } from './utf8-column';

describe('utf8Column', () => {
  it('round-trips ASCII, 2-, 3- and 4-byte UTF-8, empty strings and nulls, with byte offsets', () => {
    const values = ['C-0001', '', 'Ünïcødé', null, '日本', '😀x', undefined, 'tab\tnew\nline'];
    const c = utf8Column(values);
    expect(c.length).toBe(values.length);
    expect(utf8Values(c)).toEqual(values.map((v) => v ?? null));
    expect([...c.valid!]).toEqual([1, 1, 1, 0, 1, 1, 0, 1]);
    // offsets are UTF-8 byte positions, not UTF-16 indexes
    const lengths = Array.from({ length: values.length }, (_, i) => c.offsets[i + 1] - c.offsets[i]);
    expect(lengths).toEqual(values.map((v) => Buffer.byteLength(v ?? '', 'utf8')));
    expect(c.offsets[values.length]).toBe(c.bytes.length);
  });

  it('has no validity bitmap without nulls; pure ASCII takes the fast path to the same offsets', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `id-${i}`);
    const c = utf8Column(ids);
    expect(c.valid).toBeNull();
    expect(utf8Values(c)).toEqual(ids);
    expect(c.offsets[1000]).toBe(ids.join('').length);
  });

  it('writes lone surrogates as U+FFFD (3 bytes), as TextEncoder does', () => {
    const values = ['a\ud800b', '\udc00', 'ok'];
    const c = utf8Column(values);
    expect(utf8Values(c)).toEqual(['a\ufffdb', '\ufffd', 'ok']);
    expect(c.offsets[1]).toBe(5);
  });

  it('allocates on SharedArrayBuffers when asked', () => {
    const c = utf8Column(['x', null, 'yz'], { shared: true });
    expect(c.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(c.offsets.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(c.valid!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(utf8Values(c)).toEqual(['x', null, 'yz']);
    expect(utf8Values(utf8Column([], { shared: true }))).toEqual([]);
  });

  it('copies a value\'s bytes, short (by hand) or long (one set), and nothing for a null', () => {
    const long = `é${'x'.repeat(100)}`;
    const c = utf8Column(['ab', null, long]);
    const dst = new Uint8Array(200).fill(7);
    expect(copyUtf8Value(c, 0, dst, 3)).toBe(2);
    expect(copyUtf8Value(c, 1, dst, 5)).toBe(0);
    expect(copyUtf8Value(c, 2, dst, 5)).toBe(102);
    expect(Buffer.from(dst.subarray(3, 107)).toString('utf8')).toBe(`ab${long}`);
    expect([dst[2], dst[107]]).toEqual([7, 7]);
  });

  it('names a value that is not text, and a row outside the column', () => {
    expect(() => utf8Column(['a', 7 as unknown as string])).toThrow(/value 1 is a number/);
    expect(() => utf8Value(utf8Column(['a']), 1)).toThrow(/row 1 is outside the column's 1 rows/);
  });

  it('takeUtf8 gathers values in any order, repeats, short and long values and nulls included', () => {
    const long = 'ü'.repeat(100);
    const values = ['C-0001', null, '日本', '', long, '😀x'];
    const c = utf8Column(values);
    const rows = [5, 4, 1, 0, 0, 3, 2];
    const t = takeUtf8(c, rows, { shared: true });
    expect(utf8Values(t)).toEqual(rows.map((i) => values[i]));
    expect(t.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...t.valid!]).toEqual([1, 1, 0, 1, 1, 1, 1]);
    expect(t.offsets[rows.length]).toBe(t.bytes.length);
    expect(takeUtf8(utf8Column(['a', 'b']), [1, 0]).valid).toBeNull();
    expect(utf8Values(takeUtf8(c, []))).toEqual([]);
    expect(() => takeUtf8(c, [6])).toThrow(/row 6 is outside/);
  });

  it('compareUtf8 orders values by their bytes: code-point order (PostgreSQL\'s "C"), prefixes first, nulls first', () => {
    const values = ['b', 'a', 'ab', '', 'B', 'é', '\uffff', '😀', 'a', null, 'C10', 'C9'];
    const c = utf8Column(values);
    const order = values.map((_, i) => i).sort((i, j) => compareUtf8(c, i, j));
    expect(order.map((i) => values[i])).toEqual([null, '', 'B', 'C10', 'C9', 'a', 'a', 'ab', 'b', 'é', '\uffff', '😀']);
    expect(compareUtf8(c, 1, 8)).toBe(0);
    expect(Math.sign(compareUtf8(c, 1, 2))).toBe(-1);
    expect(Math.sign(compareUtf8(c, 2, 1))).toBe(1);
    // where JS compares UTF-16 code units a surrogate pair (😀) sorts before U+FFFF; by bytes (code points), after
    expect('😀' < '\uffff').toBe(true);
    expect(Math.sign(compareUtf8(c, 7, 6))).toBe(1);
  });
});
