// Node-only: feeds a CSV file (or any Node readable) to the isomorphic streaming CSV parser.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { parseCsv, type CsvParseOptions, type CsvTable } from '@/lib/data/codecs/csv';

/** Parses a Node readable stream of CSV bytes chunk by chunk (64 KiB reads); see `parseCsv` for types and errors. */
export function parseCsvStream(stream: Readable, opts: CsvParseOptions = {}): Promise<CsvTable> {
  return parseCsv(stream as AsyncIterable<Uint8Array>, opts);
}

/** Parses the CSV file at `path`, streaming it from disk. */
export function parseCsvFile(path: string, opts: CsvParseOptions = {}): Promise<CsvTable> {
  return parseCsvStream(fs.createReadStream(path, { highWaterMark: 1 << 16 }), opts);
}
