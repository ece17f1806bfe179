import { parquetMetadata, parquetRead, parquetSchema, type Compressors, type FileMetaData } from 'hyparquet';
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { isMissing, tableFromColumns, type TableLike } from '@/lib/data/table';
import { DataFormatError } from './data-format-error';
import { readUtf8Column } from './parquet-utf8';
import type { Utf8Column } from './utf8-column';

/** Physical column types the codec writes: float64, int32, UTF-8 string, boolean; nullable when a value is missing. */
export type ParquetColumnType = 'double' | 'int32' | 'string' | 'boolean';
export type ParquetSchemaSpec = Record<string, ParquetColumnType>;

/** Decoded columns: numbers as Float64Array (NaN = missing), strings `(string | null)[]`, booleans `(boolean | null)[]`. */
export type DecodedColumn = Float64Array | (string | null)[] | (boolean | null)[];

export interface ParquetTable {
  table: TableLike & { columns: Record<string, DecodedColumn> };
  types: ParquetSchemaSpec;
  rowCount: number;
  /** the columns asked for as UTF-8 (`utf8Columns`) that could be read so: these are not in `table` */
  utf8: Record<string, Utf8Column>;
}

export interface ParquetReadOptions {
  /** page decompressors in place of hyparquet's own (the server passes a native Snappy) */
  compressors?: Compressors;
  /**
   * Text columns to read as Utf8Columns (readUtf8Column: no string per value) rather than into `table`; a column
   * whose layout that reader does not read, or that is not text, stays in `table`.
   */
  utf8Columns?: readonly string[];
}

const TO_WRITER = { double: 'DOUBLE', int32: 'INT32', string: 'STRING', boolean: 'BOOLEAN' } as const;

/** Physical type for a column from its values: typed arrays → double, all booleans → boolean, all numbers → double, else string. */
export function inferParquetType(values: ArrayLike<unknown>): ParquetColumnType {
  if (ArrayBuffer.isView(values)) return 'double';
  let sawNumber = false;
  let sawBool = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) continue;
    if (typeof v === 'number') sawNumber = true;
    else if (typeof v === 'boolean') sawBool = true;
    else return 'string';
  }
  if (sawNumber && sawBool) return 'string';
  return sawBool ? 'boolean' : 'double';
}

function encodeColumn(name: string, values: ArrayLike<unknown>, type: ParquetColumnType): ColumnSource {
  const n = values.length;
  const data: unknown[] = new Array(n);
  let missing = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isMissing(v)) {
      data[i] = null;
      missing = true;
    } else if (type === 'double' || type === 'int32') {
      const x = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(x) || (type === 'int32' && (!Number.isInteger(x) || x < -2147483648 || x > 2147483647))) {
        throw new RangeError(`column "${name}" row ${i}: ${String(v)} is not a valid ${type}`);
      }
      data[i] = x;
    } else if (type === 'boolean') {
      if (typeof v !== 'boolean') throw new RangeError(`column "${name}" row ${i}: ${String(v)} is not a boolean`);
      data[i] = v;
    } else {
      data[i] = String(v);
    }
  }
  // A column without a missing value is REQUIRED: no definition levels to write, and readers hand its values
  // over as decoded, without assembling them against levels (a third of the read time of a wide snapshot).
  return { name, data, type: TO_WRITER[type], nullable: missing };
}

/**
 * Encodes a table as Parquet (SNAPPY, one row group per 100k rows, fixed created_by), columns in table order.
 * `schema` fixes column types; unspecified columns are inferred (`inferParquetType`). Identical data and schema
 * give identical bytes, so a sha256 of the output identifies a snapshot.
 */
export function tableToParquet(table: TableLike, schema: ParquetSchemaSpec = {}): Uint8Array {
  const names = table.columnNames();
  for (const key of Object.keys(schema)) {
    if (!names.includes(key)) throw new RangeError(`schema names unknown column "${key}"`);
  }
  const types: ParquetSchemaSpec = {};
  const columnData = names.map((name) => {
    const values = table.array(name);
    const type = schema[name] ?? inferParquetType(values);
    if (!(type in TO_WRITER)) throw new RangeError(`column "${name}": unknown parquet type ${JSON.stringify(type)}`);
    types[name] = type;
    return encodeColumn(name, values, type);
  });
  const buf = parquetWriteBuffer({
    columnData,
    rowGroupSize: 100_000,
    createdBy: 'churnlab',
    kvMetadata: [{ key: 'churnlab.types', value: JSON.stringify(types) }],
  });
  return new Uint8Array(buf);
}

function typeOf(meta: FileMetaData, name: string): ParquetColumnType {
  const el = parquetSchema(meta).children.find((c) => c.element.name === name)?.element;
  if (!el) throw new DataFormatError({ line: 0, column: name, message: 'column missing from schema' });
  if (el.type === 'BOOLEAN') return 'boolean';
  if (el.type === 'BYTE_ARRAY' || el.type === 'FIXED_LEN_BYTE_ARRAY') {
    const lt = el.logical_type?.type;
    if (el.converted_type === 'DECIMAL' || lt === 'DECIMAL') return 'double';
    return 'string';
  }
  if (el.type === 'INT32' && el.converted_type !== 'DATE' && el.logical_type?.type !== 'DATE') return 'int32';
  if (el.type === 'INT32' || (el.type === 'INT64' && (el.converted_type?.startsWith('TIMESTAMP') || el.logical_type?.type === 'TIMESTAMP'))) {
    return 'string';
  }
  return 'double';
}

/** A boolean or text column from the reader's values (numeric columns are decoded as they are read). */
function decodeColumn(values: ArrayLike<unknown>, type: ParquetColumnType): DecodedColumn {
  const n = values.length;
  if (type === 'boolean') {
    const out: (boolean | null)[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = values[i] === null || values[i] === undefined ? null : Boolean(values[i]);
    return out;
  }
  const out: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'string') out[i] = v;
    else if (v === null || v === undefined) out[i] = null;
    else if (v instanceof Date) out[i] = v.toISOString();
    else if (v instanceof Uint8Array) out[i] = Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
    else out[i] = String(v);
  }
  return out;
}

/**
 * Decodes Parquet bytes into a columnar table: numeric columns (float, double, ints, decimals) as Float64Array
 * with NaN for null, strings (and dates/timestamps as ISO strings) as string arrays, booleans as boolean arrays.
 * Only flat schemas are supported. Throws DataFormatError for bytes that are not a readable Parquet file.
 * `compressors`: page decompressors in place of hyparquet's own (the server passes a native Snappy).
 */
export async function parquetToTable(bytes: Uint8Array | ArrayBuffer, opts: ParquetReadOptions = {}): Promise<ParquetTable> {
  const buf: ArrayBuffer =
    bytes instanceof ArrayBuffer ? bytes : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  if (buf.byteLength < 12) throw new DataFormatError({ line: 0, message: `not a Parquet file (${buf.byteLength} bytes)` });
  let meta: FileMetaData;
  try {
    meta = parquetMetadata(buf);
  } catch (e) {
    throw new DataFormatError({ line: 0, message: `not a readable Parquet file: ${(e as Error).message}` });
  }
  const root = parquetSchema(meta);
  const names = root.children.map((c) => c.element.name);
  for (const c of root.children) {
    if (c.children.length > 0 || c.element.repetition_type === 'REPEATED') {
      throw new DataFormatError({ line: 0, column: c.element.name, message: 'nested or repeated columns are not supported' });
    }
  }
  if (new Set(names).size !== names.length) throw new DataFormatError({ line: 0, message: 'duplicate column names' });
  const rowCount = Number(meta.num_rows);
  const types: ParquetSchemaSpec = {};
  for (const name of names) types[name] = typeOf(meta, name);
  const utf8: Record<string, Utf8Column> = {};
  for (const name of opts.utf8Columns ?? []) {
    if (types[name] !== 'string') continue;
    let c: Utf8Column | null;
    try {
      c = readUtf8Column(buf, meta, name, opts.compressors);
    } catch (e) {
      throw new DataFormatError({ line: 0, column: name, message: `corrupt Parquet data: ${(e as Error).message}` });
    }
    if (c) utf8[name] = c;
  }
  const read = names.filter((name) => !(name in utf8));
  // numeric columns land in their Float64Array as they are read (null → NaN); the others are decoded after
  const raw: Record<string, unknown[] | Float64Array> = {};
  for (const name of read) raw[name] = types[name] === 'double' || types[name] === 'int32' ? new Float64Array(rowCount) : new Array(rowCount);
  try {
    await parquetRead({
      file: buf,
      metadata: meta,
      columns: read,
      compressors: opts.compressors,
      onChunk: (chunk) => {
        const dest = raw[chunk.columnName];
        const src = chunk.columnData;
        const at = chunk.rowStart;
        if (dest instanceof Float64Array && src instanceof Float64Array) dest.set(src, at);
        else if (dest instanceof Float64Array) {
          for (let i = 0; i < src.length; i++) {
            const v = src[i];
            dest[at + i] = v === null || v === undefined ? NaN : typeof v === 'bigint' ? Number(v) : (v as number);
          }
        } else for (let i = 0; i < src.length; i++) dest[at + i] = src[i];
      },
    });
  } catch (e) {
    throw new DataFormatError({ line: 0, message: `corrupt Parquet data: ${(e as Error).message}` });
  }
  const columns: Record<string, DecodedColumn> = {};
  for (const name of read) {
    const r = raw[name];
    columns[name] = r instanceof Float64Array ? r : decodeColumn(r, types[name]);
  }
  return { table: Object.assign(tableFromColumns(columns), { columns }), types, rowCount, utf8 };
}
