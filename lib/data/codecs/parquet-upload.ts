import { inferColumnKind, type ColumnKind } from '@/lib/data/profile/infer-types';
import { parquetToTable, type ParquetTable } from './parquet';

export interface ParquetUpload extends ParquetTable {
  /** Profile kinds inferred from the decoded values (numeric, categorical, boolean, datetime, text, id). */
  kinds: Record<string, ColumnKind>;
}

/**
 * Reads an uploaded Parquet file into the columnar table used everywhere else, with physical types and inferred
 * profile kinds. Throws DataFormatError (line 0) for anything that is not a readable flat Parquet file.
 */
export async function parseParquetUpload(bytes: Uint8Array | ArrayBuffer, opts: { maxLevels?: number } = {}): Promise<ParquetUpload> {
  const decoded = await parquetToTable(bytes);
  const kinds: Record<string, ColumnKind> = {};
  for (const name of decoded.table.columnNames()) kinds[name] = inferColumnKind(decoded.table.array(name), opts);
  return { ...decoded, kinds };
}
