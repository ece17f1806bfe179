/**
 * Bulk insert with PostgreSQL COPY (text format) through a dedicated pg connection: an order of magnitude faster
 * than multi-row INSERTs for batch scores. Rows are streamed in chunks; the whole COPY is one statement, so it
 * lands entirely or not at all.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { env } from '@/lib/server/env';

/** A COPY text-format field: \N for null, backslash escapes for backslash, tab, newline and carriage return. */
export function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NaN';
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export interface CopyOptions {
  signal?: AbortSignal;
  /**
   * Replace the table's rows: TRUNCATE and COPY … WITH (FREEZE) in one transaction. The rows land frozen, with
   * their hint bits and visibility map set, so the first reader (an index build) does not rewrite every page.
   * Only for a table nobody else writes to at the same time (TRUNCATE takes an exclusive lock).
   */
  replace?: boolean;
}

/** COPY "table" (columns) FROM STDIN; `rows` yields one array of field values per row. Returns the row count. */
export async function copyRows(table: string, columns: readonly string[], rows: Iterable<readonly (string | number | null)[]>, opts: CopyOptions = {}): Promise<number> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  try {
    // Durability is decided by the caller's later transaction (the batch is only published when complete).
    await client.query('SET synchronous_commit TO off');
    if (opts.replace) {
      await client.query('BEGIN');
      await client.query(`TRUNCATE "${table}"`);
    }
    const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN${opts.replace ? ' WITH (FREEZE)' : ''}`;
    const sink = client.query(copyFrom(sql));
    let n = 0;
    const source = Readable.from(
      (function* () {
        let buf: string[] = [];
        for (const r of rows) {
          buf.push(r.map(copyField).join('\t'));
          n++;
          if (buf.length === 5000) {
            opts.signal?.throwIfAborted();
            yield buf.join('\n') + '\n';
            buf = [];
          }
        }
        if (buf.length) yield buf.join('\n') + '\n';
      })(),
    );
    await pipeline(source, sink);
    if (opts.replace) await client.query('COMMIT');
    return n;
  } finally {
    await client.end();
  }
}
