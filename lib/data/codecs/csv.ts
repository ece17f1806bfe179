import Papa from 'papaparse';
import { tableFromColumns, type TableLike } from '@/lib/data/table';
import { inferCellKind, isBlankCell, parseBooleanCell, parseNumberCell } from '@/lib/data/profile/infer-types';
import { DataFormatError } from './data-format-error';

/** Per-column type: numeric → Float64Array (NaN missing); boolean → (boolean|null)[]; categorical/string → (string|null)[]. */
export type CsvColumnType = 'numeric' | 'categorical' | 'string' | 'boolean';
export type CsvColumn = Float64Array | (string | null)[] | (boolean | null)[];

export interface CsvParseOptions {
  /** Force a column's type instead of inferring it; unknown names are an error. */
  types?: Record<string, CsvColumnType>;
  delimiter?: string;
}

export interface CsvTable {
  table: TableLike & { columns: Record<string, CsvColumn> };
  types: Record<string, CsvColumnType>;
  rowCount: number;
}

/** What `parseCsv` reads: text, bytes, a web ReadableStream of bytes, or any async iterable of chunks (Node streams are). */
export type CsvInput = string | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

const NL = 10;

/**
 * Incremental CSV reader: push byte or text chunks, then `end()`. Bytes are UTF-8 decoded with a fatal decoder
 * and checked for NUL bytes; complete records (cut at newlines outside quotes) are parsed with papaparse as they
 * arrive, so memory holds the cells but never the whole text. Every defect raises DataFormatError naming the line.
 */
export class CsvStreamParser {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly opts: CsvParseOptions;
  private pending = '';
  /** Quote parity of `pending` up to `scanned`, and the last record boundary seen. */
  private inQuotes = false;
  private scanned = 0;
  private boundary = -1;
  /** 1-based line of the first character of `pending`. */
  private line = 1;
  private byteLine = 1;
  private started = false;
  private header: string[] | null = null;
  private cells: string[][] = [];
  private rows = 0;

  constructor(opts: CsvParseOptions = {}) {
    this.opts = opts;
  }

  push(chunk: Uint8Array | string): void {
    if (typeof chunk === 'string') {
      if (chunk.includes('\0')) this.failNul(chunk);
      this.pushText(chunk);
      return;
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) throw new DataFormatError({ line: this.byteLine + countNewlines(chunk, nul), message: 'binary data (NUL byte) is not CSV text' });
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new DataFormatError({ line: this.byteLine + countNewlines(chunk, firstInvalidUtf8(chunk)), message: 'invalid UTF-8 byte sequence' });
    }
    this.byteLine += countNewlines(chunk, chunk.length);
    this.pushText(text);
  }

  end(): CsvTable {
    try {
      const rest = this.decoder.decode();
      if (rest) this.pushText(rest);
    } catch {
      throw new DataFormatError({ line: this.byteLine, message: 'invalid UTF-8: truncated multi-byte sequence at end of file' });
    }
    if (this.inQuotes) throw new DataFormatError({ line: this.line, message: 'unterminated quoted field' });
    if (this.pending.length > 0) this.parseSegment(this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending);
    this.pending = '';
    if (this.header === null) throw new DataFormatError({ line: 1, message: 'empty file: no header row' });
    if (this.rows === 0) throw new DataFormatError({ line: 2, message: 'header only: no data rows' });
    return this.build();
  }

  private failNul(text: string): never {
    const at = text.indexOf('\0');
    let lines = 0;
    for (let i = 0; i < at; i++) if (text.charCodeAt(i) === NL) lines++;
    throw new DataFormatError({ line: this.line + countNewlinesText(this.pending) + lines, message: 'binary data (NUL byte) is not CSV text' });
  }

  private pushText(text: string): void {
    if (!this.started) {
      if (text.length === 0) return;
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.pending += text;
    // Track quote parity: a newline outside quotes ends a record ("" escapes flip parity twice).
    for (let i = this.scanned; i < this.pending.length; i++) {
      const c = this.pending.charCodeAt(i);
      if (c === 34) this.inQuotes = !this.inQuotes;
      else if (c === NL && !this.inQuotes) this.boundary = i;
    }
    this.scanned = this.pending.length;
    if (this.boundary >= 0 && this.boundary > 65536) this.flush();
  }

  private flush(): void {
    const cut = this.boundary;
    const seg = this.pending.slice(0, cut > 0 && this.pending.charCodeAt(cut - 1) === 13 ? cut - 1 : cut);
    const lines = this.parseSegment(seg);
    this.pending = this.pending.slice(cut + 1);
    this.line += lines + 1;
    this.scanned = this.pending.length;
    this.boundary = -1;
  }

  /** Parses complete records; returns the number of newlines inside `seg`. */
  private parseSegment(seg: string): number {
    const res = Papa.parse<string[]>(seg, { delimiter: this.opts.delimiter ?? ',', newline: undefined, skipEmptyLines: false, header: false });
    const quoted = seg.includes('"');
    let line = this.line;
    for (let r = 0; r < res.data.length; r++) {
      const row = res.data[r];
      const err = res.errors.find((e) => e.row === r && e.code !== 'UndetectableDelimiter');
      if (err && err.code !== 'TooFewFields' && err.code !== 'TooManyFields') {
        throw new DataFormatError({ line, message: `malformed CSV (${err.code}): ${err.message}` });
      }
      const blank = row.length === 1 && row[0].trim() === '';
      if (!blank) this.acceptRow(row, line);
      line += 1;
      if (quoted) for (const f of row) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) line++;
    }
    return line - this.line - 1;
  }

  private acceptRow(row: string[], line: number): void {
    if (this.header === null) {
      const names = row.map((h) => h.trim());
      const seen = new Set<string>();
      names.forEach((h, i) => {
        if (h === '') throw new DataFormatError({ line, message: `empty header name in column ${i + 1}` });
        if (seen.has(h)) throw new DataFormatError({ line, column: h, message: 'duplicate header name' });
        seen.add(h);
      });
      for (const key of Object.keys(this.opts.types ?? {})) {
        if (!seen.has(key)) throw new RangeError(`type override names unknown column "${key}"`);
      }
      this.header = names;
      this.cells = names.map(() => []);
      return;
    }
    if (row.length !== this.header.length) {
      throw new DataFormatError({ line, message: `expected ${this.header.length} fields (as in the header), found ${row.length}` });
    }
    for (let k = 0; k < row.length; k++) this.cells[k].push(row[k]);
    this.rows++;
  }

  private build(): CsvTable {
    const header = this.header as string[];
    const columns: Record<string, CsvColumn> = {};
    const types: Record<string, CsvColumnType> = {};
    header.forEach((name, k) => {
      const raw = this.cells[k];
      const type: CsvColumnType = this.opts.types?.[name] ?? inferCellKind(raw);
      types[name] = type;
      columns[name] = convert(name, raw, type);
    });
    this.cells = [];
    return { table: Object.assign(tableFromColumns(columns), { columns }), types, rowCount: this.rows };
  }
}

function convert(name: string, raw: string[], type: CsvColumnType): CsvColumn {
  const n = raw.length;
  if (type === 'numeric') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (isBlankCell(raw[i])) {
        out[i] = NaN;
        continue;
      }
      const x = parseNumberCell(raw[i]);
      if (Number.isNaN(x)) throw new DataFormatError({ line: i + 2, column: name, message: `${JSON.stringify(raw[i])} is not a number` });
      out[i] = x;
    }
    return out;
  }
  if (type === 'boolean') {
    const out: (boolean | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if (isBlankCell(raw[i])) {
        out[i] = null;
        continue;
      }
      const b = parseBooleanCell(raw[i], false);
      if (b === null) throw new DataFormatError({ line: i + 2, column: name, message: `${JSON.stringify(raw[i])} is not a boolean` });
      out[i] = b;
    }
    return out;
  }
  const out: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = isBlankCell(raw[i]) ? null : raw[i];
  return out;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === NL) n++;
  return n;
}

function countNewlinesText(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === NL) n++;
  return n;
}

/** Offset of the first byte that cannot start or continue a valid UTF-8 sequence (approximate: lead/continuation shape only). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k < b.length && (b[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return b.length;
}

/**
 * Parses CSV (header row first) into a typed columnar table. Types per column are inferred — numeric when every
 * non-blank cell is a finite number, boolean for true/false, else string — unless overridden in `opts.types`.
 * Blank and whitespace-only cells are missing. Throws DataFormatError { line, column?, message } on ragged rows,
 * invalid UTF-8, NUL bytes, an empty file, a header without rows, and empty or duplicate header names.
 */
export async function parseCsv(input: CsvInput, opts: CsvParseOptions = {}): Promise<CsvTable> {
  const p = new CsvStreamParser(opts);
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const CHUNK = 1 << 20;
    if (typeof input === 'string') for (let i = 0; i < input.length; i += CHUNK) p.push(input.slice(i, i + CHUNK));
    else for (let i = 0; i < input.length; i += CHUNK) p.push(input.subarray(i, i + CHUNK));
  } else if (input instanceof ArrayBuffer) {
    p.push(new Uint8Array(input));
  } else if (typeof (input as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (input as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      p.push(value);
    }
  } else {
    for await (const chunk of input as AsyncIterable<Uint8Array | string>) p.push(chunk);
  }
  return p.end();
}
