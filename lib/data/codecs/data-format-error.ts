/**
 * Malformed uploaded data (CSV or Parquet). `line` is 1-based in the source text (the header is line 1);
 * 0 when the format has no lines (Parquet). `column` names the offending column where one is known.
 */
export class DataFormatError extends Error {
  readonly code = 'DATA_FORMAT';
  readonly line: number;
  readonly column?: string;

  constructor(detail: { line: number; column?: string; message: string }) {
    const where = detail.line > 0 ? `line ${detail.line}` : 'file';
    super(`${where}${detail.column !== undefined ? `, column ${JSON.stringify(detail.column)}` : ''}: ${detail.message}`);
    this.name = 'DataFormatError';
    this.line = detail.line;
    this.column = detail.column;
  }

  /** Plain JSON for an API error body. */
  toJSON(): { code: 'DATA_FORMAT'; line: number; column?: string; message: string } {
    return { code: this.code, line: this.line, column: this.column, message: this.message };
  }
}

/** Type guard usable across module copies (checks the name and shape, not identity). */
export function isDataFormatError(e: unknown): e is DataFormatError {
  return e instanceof DataFormatError || (e instanceof Error && e.name === 'DataFormatError' && typeof (e as { line?: unknown }).line === 'number');
}
