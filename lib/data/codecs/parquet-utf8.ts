/**
 * A flat text column of a Parquet file read straight into a Utf8Column: each value's bytes are copied from its
 * page into one buffer, with no JS string and no Uint8Array view per value (a million ids read as strings are a
 * million views, a million decodes and a million strings for the garbage collector to move).
 *
 * Reads BYTE_ARRAY columns, required or optional, in data pages v2 (as hyparquet-writer and parquet-columns.ts
 * write them), PLAIN or dictionary-encoded, with any codec `decompressPage` knows (or `compressors` supplies).
 * Anything else (nested or repeated columns, data pages v1, DELTA encodings, other types) returns null: the
 * caller reads the column the general way. Bytes that are not UTF-8
 * are refused (null too), as a decoder would have replaced them.
 */
import type { Compressors, FileMetaData } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { copyUtf8Value, type Utf8Column } from './utf8-column';

interface Reader {
  view: DataView;
  offset: number;
}

/** A growable byte buffer the values are appended to. */
class Bytes {
  buf: Uint8Array;
  at = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(Math.max(size, 1024));
  }
  room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    if (this.at + n > 0x7fffffff) throw new RangeError('the column has more than 2 GiB of text');
    const next = new Uint8Array(Math.min(0x7fffffff, Math.max(this.buf.length * 2, this.at + n)));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Every value is valid UTF-8: the whole is, and no value starts inside a character (with a continuation byte). */
function validUtf8(bytes: Uint8Array, offsets: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (offsets[i + 1] > offsets[i] && (bytes[offsets[i]] & 0xc0) === 0x80) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Column `name` of the file (`buf`, its metadata `meta`) as a Utf8Column, or null when this reader does not read
 * its layout. Throws on corrupt pages.
 */
export function readUtf8Column(buf: ArrayBuffer, meta: FileMetaData, name: string, compressors?: Compressors): Utf8Column | null {
  const [root, ...elements] = meta.schema;
  if (elements.length !== root.num_children || elements.some((e) => e.num_children)) return null; // not flat
  const index = elements.findIndex((e) => e.name === name);
  if (index < 0) return null;
  const element = elements[index];
  if (element.type !== 'BYTE_ARRAY' || element.repetition_type === 'REPEATED') return null;
  const logical = element.logical_type?.type;
  if (!(element.converted_type === undefined || element.converted_type === 'UTF8') || !(logical === undefined || logical === 'STRING')) return null;
  const optional = element.repetition_type === 'OPTIONAL';
  const n = Number(meta.num_rows);
  const offsets = new Int32Array(n + 1);
  let valid: Uint8Array | null = null;
  const out = new Bytes(meta.row_groups.reduce((s, g) => s + Number(g.columns[index].meta_data?.total_uncompressed_size ?? 0), 0));
  let row = 0;
  /** Appends `count` values (`defs[k] === 0`: null) read from `page` at `reader` in `encoding`. */
  const values = (page: Reader, encoding: string, count: number, defs: Uint8Array | null, dict: Utf8Column | null, end: number): boolean => {
    if (row + count > n) throw new Error(`column ${name}: more values than the file's ${n} rows`);
    const view = page.view;
    const src = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    const present = defs ? defs.reduce((s, d) => s + d, 0) : count;
    if (defs && present < count) {
      valid ??= new Uint8Array(n).fill(1);
      for (let k = 0; k < count; k++) valid[row + k] = defs[k];
    }
    if (encoding === 'PLAIN') {
      for (let k = 0; k < count; k++) {
        offsets[row + k] = out.at;
        if (defs && defs[k] === 0) continue;
        if (page.offset + 4 > view.byteLength) throw new Error(`column ${name}: a page ends inside a value`);
        const len = view.getUint32(page.offset, true);
        const a = page.offset + 4;
        if (a + len > view.byteLength) throw new Error(`column ${name}: a page ends inside a value`);
        out.room(len);
        if (len > 32) out.buf.set(src.subarray(a, a + len), out.at);
        else for (let j = 0; j < len; j++) out.buf[out.at + j] = src[a + j];
        out.at += len;
        page.offset = a + len;
      }
    } else if (encoding === 'RLE_DICTIONARY' || encoding === 'PLAIN_DICTIONARY') {
      if (!dict) throw new Error(`column ${name}: a dictionary-encoded page without a dictionary`);
      const width = view.getUint8(page.offset++);
      const idx = new Int32Array(present);
      if (present > 0) readRleBitPackedHybrid(page, width, idx, end - page.offset);
      let p = 0;
      for (let k = 0; k < count; k++) {
        offsets[row + k] = out.at;
        if (defs && defs[k] === 0) continue;
        const v = idx[p++];
        if (!(v >= 0 && v < dict.length)) throw new Error(`column ${name}: dictionary index ${v} out of range`);
        out.room(dict.offsets[v + 1] - dict.offsets[v]);
        out.at += copyUtf8Value(dict, v, out.buf, out.at);
      }
    } else return false;
    row += count;
    return true;
  };
  /** Definition levels of `count` values (bit width 1: 0 = null), `length` bytes at `reader`. */
  const levels = (reader: Reader, count: number, length: number): Uint8Array => {
    const defs = new Uint8Array(count);
    readRleBitPackedHybrid(reader, 1, defs, length);
    return defs;
  };
  const file = new Uint8Array(buf);
  for (const group of meta.row_groups) {
    const chunk = group.columns[index].meta_data;
    if (!chunk) return null;
    const total = Number(chunk.num_values);
    const start = Number(chunk.dictionary_page_offset || chunk.data_page_offset);
    const reader: Reader = { view: new DataView(buf), offset: start };
    const stop = start + Number(chunk.total_compressed_size);
    let dict: Utf8Column | null = null;
    let seen = 0;
    while (seen < total) {
      if (reader.offset >= stop) throw new Error(`column ${name}: the chunk ends before its ${total} values`);
      const header = parquetHeader(reader);
      const body = file.subarray(reader.offset, reader.offset + header.compressed_page_size);
      reader.offset += header.compressed_page_size;
      if (header.type === 'DICTIONARY_PAGE') {
        const page = decompressPage(body, header.uncompressed_page_size, chunk.codec, compressors);
        const k = header.dictionary_page_header?.num_values ?? 0;
        const dOff = new Int32Array(k + 1);
        const dv = new DataView(page.buffer, page.byteOffset, page.byteLength);
        // the values without their length words: fewer bytes than the page
        const db = new Uint8Array(page.length);
        let at = 0;
        let size = 0;
        for (let j = 0; j < k; j++) {
          if (at + 4 > page.length) throw new Error(`column ${name}: the dictionary page ends inside a value`);
          const len = dv.getUint32(at, true);
          if (at + 4 + len > page.length) throw new Error(`column ${name}: the dictionary page ends inside a value`);
          db.set(page.subarray(at + 4, at + 4 + len), size);
          dOff[j] = size;
          size += len;
          at += 4 + len;
        }
        dOff[k] = size;
        dict = { length: k, bytes: db.subarray(0, size), offsets: dOff, valid: null };
      } else if (header.type === 'DATA_PAGE_V2') {
        const h = header.data_page_header_v2!;
        const count = h.num_values;
        // flat columns have no repetition levels; an optional one has definition levels in every page
        if (h.repetition_levels_byte_length || (optional && count > 0 && !h.definition_levels_byte_length)) return null;
        const defs = optional ? levels({ view: new DataView(body.buffer, body.byteOffset, body.byteLength), offset: 0 }, count, h.definition_levels_byte_length) : null;
        const rest = body.subarray(h.definition_levels_byte_length);
        const page = h.is_compressed === false ? rest : decompressPage(rest, header.uncompressed_page_size - h.definition_levels_byte_length, chunk.codec, compressors);
        const pr: Reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
        if (!values(pr, h.encoding, count, defs, dict, page.byteLength)) return null;
        seen += count;
      } else return null; // data pages v1, index pages: not written by the writers of our snapshots
    }
  }
  if (row !== n) throw new Error(`column ${name}: ${row} values for ${n} rows`);
  offsets[n] = out.at;
  const bytes = out.buf.subarray(0, out.at);
  if (!validUtf8(bytes, offsets, n)) return null;
  return { length: n, bytes, offsets, valid };
}
