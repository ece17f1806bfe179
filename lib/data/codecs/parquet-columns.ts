/**
 * A Parquet writer for flat tables of typed columns — UTF-8 text (Utf8Column), DOUBLE (Float64Array) and INT32
 * (Int32Array) — that writes each page straight from the column's memory: no value objects, no per-value
 * encoding, no dictionary sampling. For the large, simple files the app produces itself (a million batch scores);
 * hyparquet-writer, whose thrift footer, page headers, level encoder and Snappy it uses, stays the writer for
 * arbitrary tables.
 *
 * Layout: row groups of `rowGroupSize` rows, one DATA_PAGE_V2 per column chunk, PLAIN values, RLE definition
 * levels for nullable columns, Snappy (per column, default on), min/max statistics for the numeric columns. An
 * int32 column of few distinct values (codes, flags, a constant) can be dictionary-encoded instead: a dictionary
 * page and RLE/bit-packed indexes, a few bytes for a sorted or constant column where PLAIN + Snappy costs 4 bytes
 * a row to compress.
 */
import { ByteWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import type { ColumnChunk, KeyValue, RowGroup, SchemaElement, Statistics } from 'hyparquet';
import { copyUtf8Value, type Utf8Column } from './utf8-column';

export type ParquetColumn = (
  | { name: string; type: 'utf8'; data: Utf8Column }
  | { name: string; type: 'double'; data: Float64Array }
  | { name: string; type: 'int32'; data: Int32Array; dictionary?: boolean }
) & {
  /** Snappy-compress the pages (default true; a dictionary-encoded chunk is written uncompressed) */
  compress?: boolean;
};

/** Most distinct values a dictionary-encoded chunk takes; a chunk with more is written PLAIN. */
export const MAX_DICTIONARY = 4096;

export interface ParquetColumnsOptions {
  rowGroupSize?: number;
  kvMetadata?: KeyValue[];
  createdBy?: string;
  /** the Snappy compressor (default: hyparquet-writer's, in JavaScript; the server passes a native one) */
  snappy?: (bytes: Uint8Array) => Uint8Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function schemaElement(c: ParquetColumn): SchemaElement {
  const nullable = c.type === 'utf8' && c.data.valid !== null;
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  if (c.type === 'utf8') return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type };
  return { name: c.name, type: c.type === 'double' ? 'DOUBLE' : 'INT32', repetition_type };
}

/** PLAIN BYTE_ARRAY values of rows [lo, hi): a 4-byte little-endian length, then the bytes, for each non-null row. */
function plainUtf8(c: Utf8Column, lo: number, hi: number): Uint8Array {
  const { offsets, valid } = c;
  let present = hi - lo;
  if (valid) for (let i = lo; i < hi; i++) present -= valid[i] === 0 ? 1 : 0;
  const out = new Uint8Array(4 * present + offsets[hi] - offsets[lo]);
  let p = 0;
  for (let i = lo; i < hi; i++) {
    if (valid && valid[i] === 0) continue;
    const len = offsets[i + 1] - offsets[i];
    out[p] = len & 0xff;
    out[p + 1] = (len >>> 8) & 0xff;
    out[p + 2] = (len >>> 16) & 0xff;
    out[p + 3] = len >>> 24;
    p += 4 + copyUtf8Value(c, i, out, p + 4);
  }
  return out;
}

/** PLAIN values of a numeric column's rows [lo, hi): its own little-endian bytes. */
function plainNumbers(data: Float64Array | Int32Array, lo: number, hi: number): Uint8Array {
  const size = data.BYTES_PER_ELEMENT;
  if (LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset + lo * size, (hi - lo) * size);
  const out = new Uint8Array((hi - lo) * size);
  const view = new DataView(out.buffer);
  for (let i = lo; i < hi; i++) {
    if (size === 8) view.setFloat64((i - lo) * 8, data[i], true);
    else view.setInt32((i - lo) * 4, data[i], true);
  }
  return out;
}

function numericStatistics(data: Float64Array | Int32Array, lo: number, hi: number): Statistics | undefined {
  let min = Infinity;
  let max = -Infinity;
  let nan = 0;
  for (let i = lo; i < hi; i++) {
    const v = data[i];
    if (v !== v) nan++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  // no bounds when every value is NaN (as the spec asks)
  if (min > max) return { null_count: 0n };
  return { min_value: min, max_value: max, null_count: 0n, ...(data instanceof Float64Array ? { nan_count: BigInt(nan) } : {}) };
}

/** The distinct values of rows [lo, hi) in order of appearance and each row's index into them; null past MAX_DICTIONARY. */
function int32Dictionary(data: Int32Array, lo: number, hi: number): { values: Int32Array; index: Int32Array } | null {
  const at = new Map<number, number>();
  const index = new Int32Array(hi - lo);
  let last = 0;
  let lastAt = -1;
  for (let i = lo; i < hi; i++) {
    const v = data[i];
    if (v !== last || lastAt < 0) {
      let k = at.get(v);
      if (k === undefined) {
        if (at.size === MAX_DICTIONARY) return null;
        k = at.size;
        at.set(v, k);
      }
      last = v;
      lastAt = k;
    }
    index[i - lo] = lastAt;
  }
  return { values: Int32Array.from(at.keys()), index };
}

/** Rows [lo, hi) of an int32 column as a dictionary page and one RLE_DICTIONARY DATA_PAGE_V2; null when it has too many distinct values. */
function writeDictionaryChunk(w: ByteWriter, c: ParquetColumn & { type: 'int32' }, lo: number, hi: number): ColumnChunk | null {
  const dict = int32Dictionary(c.data, lo, hi);
  if (!dict) return null;
  const start = w.offset;
  const dictBytes = plainNumbers(dict.values, 0, dict.values.length);
  writePageHeader(w, {
    type: 'DICTIONARY_PAGE',
    uncompressed_page_size: dictBytes.length,
    compressed_page_size: dictBytes.length,
    dictionary_page_header: { num_values: dict.values.length, encoding: 'PLAIN' },
  });
  w.appendBytes(dictBytes);
  const dataStart = w.offset;
  // the bit width (at least 1: some readers refuse 0), then the indexes
  const bitWidth = Math.max(1, 32 - Math.clz32(dict.values.length - 1));
  const values = new ByteWriter(64);
  values.appendUint8(bitWidth);
  writeRleBitPackedHybrid(values, dict.index, bitWidth);
  const bytes = values.getBytes();
  writePageHeader(w, {
    type: 'DATA_PAGE_V2',
    uncompressed_page_size: bytes.length,
    compressed_page_size: bytes.length,
    data_page_header_v2: { num_values: hi - lo, num_nulls: 0, num_rows: hi - lo, encoding: 'RLE_DICTIONARY', definition_levels_byte_length: 0, repetition_levels_byte_length: 0, is_compressed: false },
  });
  w.appendBytes(bytes);
  const size = BigInt(w.offset - start);
  return {
    file_offset: BigInt(start),
    meta_data: {
      type: 'INT32',
      encodings: ['PLAIN', 'RLE_DICTIONARY'],
      path_in_schema: [c.name],
      codec: 'UNCOMPRESSED',
      num_values: BigInt(hi - lo),
      total_uncompressed_size: size,
      total_compressed_size: size,
      data_page_offset: BigInt(dataStart),
      dictionary_page_offset: BigInt(start),
      statistics: numericStatistics(c.data, lo, hi),
    },
  };
}

/** Writes rows [lo, hi) of one column as a column chunk of one DATA_PAGE_V2 (after a dictionary page when asked for and possible). */
function writeChunk(w: ByteWriter, c: ParquetColumn, lo: number, hi: number, snappy: (bytes: Uint8Array) => Uint8Array): ColumnChunk {
  if (c.type === 'int32' && c.dictionary) {
    const chunk = writeDictionaryChunk(w, c, lo, hi);
    if (chunk) return chunk;
  }
  const start = w.offset;
  const compress = c.compress ?? true;
  const levels = new ByteWriter(64);
  let nulls = 0;
  let defBytes = 0;
  let values: Uint8Array;
  let statistics: Statistics | undefined;
  if (c.type === 'utf8') {
    const valid = c.data.valid;
    if (valid) {
      for (let i = lo; i < hi; i++) nulls += valid[i] === 0 ? 1 : 0;
      defBytes = writeRleBitPackedHybrid(levels, valid.subarray(lo, hi), 1);
    }
    values = plainUtf8(c.data, lo, hi);
    statistics = { null_count: BigInt(nulls) };
  } else {
    values = plainNumbers(c.data, lo, hi);
    statistics = numericStatistics(c.data, lo, hi);
  }
  const stored = compress ? snappy(values) : values;
  writePageHeader(w, {
    type: 'DATA_PAGE_V2',
    uncompressed_page_size: defBytes + values.length,
    compressed_page_size: defBytes + stored.length,
    data_page_header_v2: {
      num_values: hi - lo,
      num_nulls: nulls,
      num_rows: hi - lo,
      encoding: 'PLAIN',
      definition_levels_byte_length: defBytes,
      repetition_levels_byte_length: 0,
      is_compressed: compress,
    },
  });
  const headerSize = w.offset - start;
  if (defBytes) w.appendBytes(levels.getBytes());
  w.appendBytes(stored);
  const element = schemaElement(c);
  return {
    file_offset: BigInt(start),
    meta_data: {
      type: element.type!,
      encodings: c.type === 'utf8' && c.data.valid ? ['PLAIN', 'RLE'] : ['PLAIN'],
      path_in_schema: [c.name],
      codec: compress ? 'SNAPPY' : 'UNCOMPRESSED',
      num_values: BigInt(hi - lo),
      total_uncompressed_size: BigInt(headerSize + defBytes + values.length),
      total_compressed_size: BigInt(w.offset - start),
      data_page_offset: BigInt(start),
      statistics,
    },
  };
}

/** The Parquet file of `columns` (all of one length). */
export function writeParquetColumns(columns: readonly ParquetColumn[], opts: ParquetColumnsOptions = {}): Uint8Array {
  if (columns.length === 0) throw new RangeError('a Parquet file needs at least one column');
  const n = columns[0].data.length;
  const names = new Set<string>();
  for (const c of columns) {
    if (c.data.length !== n) throw new RangeError(`column "${c.name}" has ${c.data.length} rows, "${columns[0].name}" has ${n}`);
    if (names.has(c.name)) throw new RangeError(`column "${c.name}" appears twice`);
    names.add(c.name);
  }
  const groupSize = opts.rowGroupSize ?? 100_000;
  if (!(Number.isInteger(groupSize) && groupSize > 0)) throw new RangeError(`rowGroupSize must be a positive integer, got ${groupSize}`);
  const snappy = opts.snappy ?? snappyCompress;
  let bytes = 8;
  for (const c of columns) bytes += c.type === 'utf8' ? c.data.bytes.length + 4 * n : c.data.BYTES_PER_ELEMENT * n;
  const w = new ByteWriter(bytes + 4096);
  w.appendUint32(0x31524150); // PAR1
  const rowGroups: RowGroup[] = [];
  for (let lo = 0; lo < n; lo += groupSize) {
    const hi = Math.min(n, lo + groupSize);
    const groupStart = w.offset;
    const chunks = columns.map((c) => writeChunk(w, c, lo, hi, snappy));
    let total = 0n;
    for (const ch of chunks) total += ch.meta_data!.total_uncompressed_size;
    rowGroups.push({ columns: chunks, total_byte_size: total, num_rows: BigInt(hi - lo), file_offset: BigInt(groupStart), total_compressed_size: BigInt(w.offset - groupStart) });
  }
  writeMetadata(w, {
    version: 2,
    created_by: opts.createdBy ?? 'churnlab',
    schema: [{ name: 'root', num_children: columns.length }, ...columns.map(schemaElement)],
    num_rows: BigInt(n),
    row_groups: rowGroups,
    key_value_metadata: opts.kvMetadata,
    metadata_length: 0,
  });
  w.appendUint32(0x31524150);
  return new Uint8Array(w.getBuffer());
}
