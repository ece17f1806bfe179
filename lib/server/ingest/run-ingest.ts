// Node-only: runs the seed's three extracts against a SQLite file or a PostgreSQL schema and merges them.
import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { buildExtractQueries, type ExtractOptions, type SqlQuery } from '@/lib/ingest/extract-queries';
import { mergeExtracts, type BillingExtractRow, type CustomerExtractRow, type IngestTable, type UsageExtractRow } from '@/lib/ingest/merge';
import { resolveWindow, type IngestWindow, type WindowInput } from '@/lib/ingest/window';
import { threadExecArgv } from '@/lib/server/threads/exec-argv';

export type IngestSource = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

export type IngestOptions = Omit<ExtractOptions, 'schema'> & { signal?: AbortSignal };

export interface IngestStats {
  /** Customer rows out (duplicates included). */
  customers: number;
  /** Source usage_logs rows inside the window (sum of usage_days over returned aggregates). */
  usageRows: number;
  /** Source billing rows inside the window. */
  billingRows: number;
  /** Per-customer aggregate rows returned by the usage and billing extracts. */
  usageCustomers: number;
  billingCustomers: number;
  /** Wall time, milliseconds: connect + three queries + merge. */
  elapsedMs: number;
}

export interface IngestResult {
  window: IngestWindow;
  table: IngestTable;
  rowCount: number;
  stats: IngestStats;
}

interface RawExtracts {
  customers: CustomerExtractRow[];
  usage: UsageExtractRow[];
  billing: BillingExtractRow[];
}

/** Runs one query in a worker thread (its own read-only connection), so two extracts use both cores. */
function querySqliteInThread<T>(path: string, query: SqlQuery, signal?: AbortSignal): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./sqlite-query-thread.mjs', import.meta.url), { workerData: { path, sql: query.sql, params: query.params }, execArgv: threadExecArgv() });
    const onAbort = () => void worker.terminate().then(() => reject(signal?.reason ?? new Error('aborted')));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (m: { ok: true; rows: T[] } | { ok: false; message: string }) => {
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (m.ok) resolve(m.rows);
      else reject(new Error(m.message));
    });
    worker.once('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    });
  });
}

async function readSqlite(path: string, q: { customers: SqlQuery; usage: SqlQuery; billing: SqlQuery }, signal?: AbortSignal): Promise<RawExtracts> {
  // The usage extract (the window's daily rows) is the heaviest: start it on another core first.
  const usagePromise = querySqliteInThread<UsageExtractRow>(path, q.usage, signal);
  usagePromise.catch(() => {}); // awaited below; avoid an unhandled rejection while the main thread works
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    // The window's usage rows are scattered across the table (stored in customer order); memory-mapped reads
    // roughly halve the cost of the date-index lookups compared with copying pages through the page cache.
    db.pragma('mmap_size = 2147418112');
    const all = <T>(query: SqlQuery): T[] => {
      const out: T[] = [];
      // raw(): arrays rather than objects per row; iterate(): no intermediate result array inside the driver.
      for (const row of db.prepare(query.sql).raw(true).iterate(...query.params)) out.push(row as T);
      signal?.throwIfAborted();
      return out;
    };
    const customers = all<CustomerExtractRow>(q.customers);
    const billing = all<BillingExtractRow>(q.billing);
    const usage = await usagePromise;
    return { customers, usage, billing };
  } finally {
    db.close();
  }
}

async function readPostgres(url: string, q: { customers: SqlQuery; usage: SqlQuery; billing: SqlQuery }, signal?: AbortSignal): Promise<RawExtracts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const rows = async <T>(query: SqlQuery): Promise<T[]> => {
      // Aggregated, one row per customer: fetched whole, as arrays.
      const res = await client.query({ text: query.sql, values: query.params, rowMode: 'array' });
      signal?.throwIfAborted();
      return res.rows as T[];
    };
    const customers = await rows<CustomerExtractRow>(q.customers);
    const usage = await rows<UsageExtractRow>(q.usage);
    const billing = await rows<BillingExtractRow>(q.billing);
    await client.query('COMMIT');
    return { customers, usage, billing };
  } finally {
    await client.end();
  }
}

/**
 * Ingests one window from `source`: customers active in the window (see `ExtractOptions.signupFilter`) with
 * their usage and billing aggregates and the `churned` label, as a table of the 13 SEED_COLUMNS + `churned`.
 * SQLite is opened read-only; PostgreSQL reads in one read-only repeatable-read transaction (one snapshot).
 */
export async function runIngest(source: IngestSource, windowInput: WindowInput, opts: IngestOptions = {}): Promise<IngestResult> {
  const t0 = performance.now();
  const window = resolveWindow(windowInput);
  const { signal, ...extractOpts } = opts;
  signal?.throwIfAborted();
  let raw: RawExtracts;
  if (source.kind === 'sqlite') {
    raw = await readSqlite(source.path, buildExtractQueries('sqlite', window, extractOpts), signal);
  } else if (source.kind === 'postgres') {
    raw = await readPostgres(source.url, buildExtractQueries('postgres', window, { ...extractOpts, schema: source.schema }), signal);
  } else {
    throw new TypeError(`unknown source kind ${JSON.stringify((source as { kind: unknown }).kind)}`);
  }
  const table = mergeExtracts(raw.customers, raw.usage, raw.billing);
  let usageRows = 0;
  for (const u of raw.usage) usageRows += Number(u[3]);
  let billingRows = 0;
  for (const b of raw.billing) billingRows += Number(b[4]);
  return {
    window,
    table,
    rowCount: table.numRows(),
    stats: {
      customers: raw.customers.length,
      usageRows,
      billingRows,
      usageCustomers: raw.usage.length,
      billingCustomers: raw.billing.length,
      elapsedMs: performance.now() - t0,
    },
  };
}
