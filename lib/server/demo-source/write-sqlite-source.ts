// Node-only: writes the generated demo source into a SQLite file (temp file → rename).
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createSourceGenerator, type SourceSummary } from '@/lib/data/synthetic/generate-source';
import type { SourceChunk } from '@/lib/data/synthetic/simulate-customer';
import type { SourceOptionsInput } from '@/lib/data/synthetic/source-options';
import { SOURCE_TABLES } from '@/lib/data/synthetic/source-schema';
import { createIndexSql, createMetaTableSql, createTableSql, quoteIdent } from './source-ddl';
import { sourceMetaEntries } from './source-meta';
import { isProcessAlive } from '@/lib/server/process/alive';

export interface DemoSourceProgress {
  customersDone: number;
  customersTotal: number;
  /** Rows written so far, all tables. */
  rowsWritten: number;
}

export interface DemoSourceWriteHooks {
  signal?: AbortSignal;
  onProgress?: (p: DemoSourceProgress) => void;
  /** Customers per generated chunk and per transaction. */
  chunkCustomers?: number;
}

export interface SqliteSourceResult {
  path: string;
  summary: SourceSummary;
  /** Wall time, milliseconds: generate + insert + index. */
  elapsedMs: number;
  /** Size of the final file, bytes. */
  bytes: number;
}

/** Rows per multi-row INSERT: amortises better-sqlite3's per-call cost (~2.5× faster than one row per call). */
const ROWS_PER_STATEMENT = 64;

type SourceTableSpec = (typeof SOURCE_TABLES)[number];

function insertSql(table: SourceTableSpec, rows: number): string {
  const cols = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  const tuple = '(' + table.columns.map(() => '?').join(', ') + ')';
  return `INSERT INTO ${quoteIdent(table.name)} (${cols}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
}

/** Inserts column tuples of one table in batches of ROWS_PER_STATEMENT, the remainder one by one. */
function createTableInserter(db: Database.Database, table: SourceTableSpec): (rows: readonly (readonly unknown[])[]) => void {
  const width = table.columns.length;
  const batch = db.prepare(insertSql(table, ROWS_PER_STATEMENT));
  const single = db.prepare(insertSql(table, 1));
  const params: unknown[] = new Array(width * ROWS_PER_STATEMENT);
  return (rows) => {
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      let p = 0;
      for (let j = i; j < i + ROWS_PER_STATEMENT; j++) {
        const row = rows[j];
        for (let k = 0; k < width; k++) params[p++] = row[k];
      }
      batch.run(params);
    }
    for (; i < rows.length; i++) single.run(rows[i]);
  };
}

/**
 * Removes the temp files (and SQLite journals) that earlier writes of `target` left behind when their process was
 * stopped mid-way (a Ctrl-C during the first start, a killed job): `<target>.tmp-<pid>-<ms>` whose process is gone.
 * A write running in another live process keeps its file.
 */
export function removeStaleTemps(target: string): string[] {
  const dir = path.dirname(target);
  const prefix = `${path.basename(target)}.tmp-`;
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)-\d+(-journal)?$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Generates the demo source with `opts` into a new SQLite database at `outPath` (replaced atomically if it
 * exists): tables customers, usage_logs, billing, churn_events with indices on customer_id, date and
 * billing_date, plus `source_meta(key, value JSON)`. Returns the generator summary (counts, churn, dirt).
 */
export async function writeSqliteSource(
  outPath: string,
  opts: SourceOptionsInput = {},
  hooks: DemoSourceWriteHooks = {},
): Promise<SqliteSourceResult> {
  const t0 = performance.now();
  const target = path.resolve(outPath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  removeStaleTemps(target);
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  const gen = createSourceGenerator(opts, hooks.chunkCustomers);
  const db = new Database(tmp);
  try {
    // The temp file is discarded on any failure, so durability settings can be off while loading.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('cache_size = -65536');
    for (const t of SOURCE_TABLES) db.exec(createTableSql(t, 'sqlite'));
    db.exec(createMetaTableSql());

    const [cust, usage, bill, churn] = SOURCE_TABLES.map((t) => createTableInserter(db, t));
    const writeChunk = db.transaction((c: SourceChunk) => {
      cust(c.customers);
      usage(c.usage);
      bill(c.billing);
      churn(c.churn);
    });

    let customersDone = 0;
    let rowsWritten = 0;
    const chunkSize = hooks.chunkCustomers ?? 1000;
    for (const chunk of gen.chunks()) {
      hooks.signal?.throwIfAborted();
      writeChunk(chunk);
      customersDone = Math.min(gen.options.customers, customersDone + chunkSize);
      rowsWritten += chunk.customers.length + chunk.usage.length + chunk.billing.length + chunk.churn.length;
      hooks.onProgress?.({ customersDone, customersTotal: gen.options.customers, rowsWritten });
      // Let timers, signals and progress output run between chunks.
      await yieldToLoop();
    }
    hooks.signal?.throwIfAborted();
    const summary = gen.summary();
    db.transaction(() => {
      for (const t of SOURCE_TABLES) for (const sql of createIndexSql(t)) db.exec(sql);
      const meta = db.prepare('INSERT INTO source_meta (key, value) VALUES (?, ?)');
      for (const [k, v] of sourceMetaEntries(summary)) meta.run(k, v);
    })();
    db.close();
    fs.renameSync(tmp, target);
    return { path: target, summary, elapsedMs: performance.now() - t0, bytes: fs.statSync(target).size };
  } catch (err) {
    if (db.open) db.close();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
