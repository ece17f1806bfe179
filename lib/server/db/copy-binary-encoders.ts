/**
 * The field encoders of the binary COPY (copy-binary.ts): per column, the bytes of each row's field (an int32
 * length, −1 for NULL, then the value big-endian) written for a block of rows in one pass, one kind of value per
 * loop.
 */
import { copyUtf8Value } from '@/lib/data/codecs/utf8-column';
import type { BinaryColumn } from './copy-binary';

/** Rows encoded together, column by column. */
export const BLOCK_ROWS = 4096;

/** A column's field bytes (length word and value) when the same on every row. */
function constantField(c: BinaryColumn & { constant: unknown }): Buffer {
  const v = c.constant;
  if (v === null) return Buffer.from([0xff, 0xff, 0xff, 0xff]);
  if (c.type === 'float8' || c.type === 'int4') {
    if (typeof v !== 'number') throw new RangeError(`${c.name}: the constant ${JSON.stringify(v)} is not a number`);
    const b = Buffer.alloc(c.type === 'float8' ? 12 : 8);
    b.writeInt32BE(b.length - 4, 0);
    if (c.type === 'float8') b.writeDoubleBE(v, 4);
    else {
      if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) throw new RangeError(`${c.name}: ${v} is not a 32-bit integer`);
      b.writeInt32BE(v, 4);
    }
    return b;
  }
  if (typeof v !== 'string') throw new RangeError(`${c.name}: the constant ${JSON.stringify(v)} is not a string`);
  const text = Buffer.from(v, 'utf8');
  const extra = c.type === 'jsonb' ? 1 : 0;
  const b = Buffer.alloc(4 + extra + text.length);
  b.writeInt32BE(extra + text.length, 0);
  if (extra) b[4] = 1; // jsonb binary format version
  text.copy(b, 4 + extra);
  return b;
}

/** Per block of rows: each column's bytes are written in one pass over the block (one kind of value per loop). */
export interface Encoder {
  /** the field's bytes when the same on every row (then `measure` is not called) */
  fixed: number | null;
  /** adds the bytes of each row's field to `size` (reads the values of `value` columns, kept for `write`) */
  measure(rows: Int32Array, m: number, size: Int32Array): void;
  /** writes each row's field at `cur[k]` and moves it past it */
  write(rows: Int32Array, m: number, buf: Buffer, view: DataView, cur: Int32Array): void;
}

export function encoder(c: BinaryColumn): Encoder {
  if ('constant' in c) {
    const field = constantField(c);
    const len = field.length;
    return {
      fixed: len,
      measure() {},
      write(_rows, m, buf, _view, cur) {
        for (let k = 0; k < m; k++) {
          const p = cur[k];
          for (let j = 0; j < len; j++) buf[p + j] = field[j];
          cur[k] = p + len;
        }
      },
    };
  }
  if ('data' in c && c.type === 'float8') {
    const data = c.data;
    return {
      fixed: 12,
      measure() {},
      write(rows, m, _buf, view, cur) {
        for (let k = 0; k < m; k++) {
          const p = cur[k];
          view.setInt32(p, 8);
          view.setFloat64(p + 4, data[rows[k]]);
          cur[k] = p + 12;
        }
      },
    };
  }
  if ('data' in c) {
    const data = c.data;
    return {
      fixed: 8,
      measure() {},
      write(rows, m, _buf, view, cur) {
        for (let k = 0; k < m; k++) {
          const p = cur[k];
          view.setInt32(p, 4);
          view.setInt32(p + 4, data[rows[k]]);
          cur[k] = p + 8;
        }
      },
    };
  }
  const extra = c.type === 'jsonb' ? 1 : 0;
  if ('utf8' in c) {
    const u = c.utf8;
    const { offsets, valid } = u;
    return {
      fixed: null,
      measure(rows, m, size) {
        for (let k = 0; k < m; k++) {
          const i = rows[k];
          size[k] += valid !== null && valid[i] === 0 ? 4 : 4 + extra + offsets[i + 1] - offsets[i];
        }
      },
      write(rows, m, buf, view, cur) {
        for (let k = 0; k < m; k++) {
          const i = rows[k];
          const p = cur[k];
          if (valid !== null && valid[i] === 0) {
            view.setInt32(p, -1);
            cur[k] = p + 4;
            continue;
          }
          view.setInt32(p, offsets[i + 1] - offsets[i] + extra);
          if (extra) buf[p + 4] = 1; // jsonb binary format version
          cur[k] = p + 4 + extra + copyUtf8Value(u, i, buf, p + 4 + extra);
        }
      },
    };
  }
  if (c.type === 'text' || c.type === 'jsonb') {
    const value = c.value;
    const texts = new Array<string | null>(BLOCK_ROWS).fill(null);
    return {
      fixed: null,
      measure(rows, m, size) {
        for (let k = 0; k < m; k++) {
          const s = value(rows[k]);
          texts[k] = s;
          size[k] += s === null ? 4 : 4 + extra + Buffer.byteLength(s, 'utf8');
        }
      },
      write(_rows, m, buf, view, cur) {
        for (let k = 0; k < m; k++) {
          const s = texts[k];
          const p = cur[k];
          if (s === null) {
            view.setInt32(p, -1);
            cur[k] = p + 4;
            continue;
          }
          if (extra) buf[p + 4] = 1;
          const len = buf.write(s, p + 4 + extra, 'utf8') + extra;
          view.setInt32(p, len);
          cur[k] = p + 4 + len;
          texts[k] = null;
        }
      },
    };
  }
  const value = (c as { value: (i: number) => number | null }).value;
  const isInt = c.type === 'int4';
  const numbers = new Float64Array(BLOCK_ROWS);
  const isNull = new Uint8Array(BLOCK_ROWS);
  return {
    fixed: null,
    measure(rows, m, size) {
      for (let k = 0; k < m; k++) {
        const v = value(rows[k]);
        isNull[k] = v === null ? 1 : 0;
        if (v === null) {
          size[k] += 4;
          continue;
        }
        if (isInt && (!Number.isInteger(v) || v < -2147483648 || v > 2147483647)) throw new RangeError(`${c.name}: ${v} (row ${rows[k]}) is not a 32-bit integer`);
        numbers[k] = v;
        size[k] += isInt ? 8 : 12;
      }
    },
    write(_rows, m, _buf, view, cur) {
      for (let k = 0; k < m; k++) {
        const p = cur[k];
        if (isNull[k] === 1) {
          view.setInt32(p, -1);
          cur[k] = p + 4;
        } else if (isInt) {
          view.setInt32(p, 4);
          view.setInt32(p + 4, numbers[k]);
          cur[k] = p + 8;
        } else {
          view.setInt32(p, 8);
          view.setFloat64(p + 4, numbers[k]);
          cur[k] = p + 12;
        }
      }
    },
  };
}
