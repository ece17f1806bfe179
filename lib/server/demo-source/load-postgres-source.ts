// Node-only: loads the generated demo source into a PostgreSQL schema (staging schema → rename).
import pg from 'pg';
import { createSourceGenerator, type SourceSummary } from '@/lib/data/synthetic/generate-source';
import type { SourceOptionsInput } from '@/lib/data/synthetic/source-options';
import { SOURCE_TABLES, type SourceColumnType } from '@/lib/data/synthetic/source-schema';
import { createIndexSql, createMetaTableSql, createTableSql, qualifiedTableName, quoteIdent } from './source-ddl';
import { sourceMetaEntries } from './source-meta';
import type { DemoSourceWriteHooks } from './write-sqlite-source';

/** Lower-case SQL identifier, short enough to leave room for the staging suffix. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** Rows per INSERT … SELECT FROM unnest(…): one array parameter per column, so no 65,535-parameter limit. */
const ROWS_PER_INSERT = 5000;

const ARRAY_TYPE: Record<SourceColumnType, string> = { TEXT: 'text[]', DATE: 'date[]', INTEGER: 'int4[]', REAL: 'float8[]' };

export interface PostgresSourceResult {
  schema: string;
  summary: SourceSummary;
  /** Wall time, milliseconds. */
  elapsedMs: number;
}

type TableSpec = (typeof SOURCE_TABLES)[number];

function unnestInsertSql(table: TableSpec, schema: string): string {
  const cols = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  const arrays = table.columns.map((c, i) => `$${i + 1}::${ARRAY_TYPE[c.type]}`).join(', ');
  return `INSERT INTO ${qualifiedTableName(table.name, schema)} (${cols}) SELECT * FROM unnest(${arrays})`;
}

async function insertRows(client: pg.ClientBase, sql: string, width: number, rows: readonly (readonly unknown[])[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const end = Math.min(rows.length, start + ROWS_PER_INSERT);
    const columns: unknown[][] = [];
    for (let k = 0; k < width; k++) {
      const col: unknown[] = new Array(end - start);
      for (let i = start; i < end; i++) col[i - start] = rows[i][k];
      columns.push(col);
    }
    await client.query(sql, columns);
  }
}

/**
 * Generates the demo source with `opts` and loads it into PostgreSQL schema `schemaName` (replacing it if
 * present): the four source tables (REAL columns as DOUBLE PRECISION), their indices, and
 * `source_meta(key, value JSON text)`. Rows go into a staging schema first; the swap to `schemaName` is one
 * transaction, so readers never see a half-loaded schema. Accepts a connected client or a connection URL.
 */
export async function loadSourceIntoPostgres(
  clientOrUrl: pg.ClientBase | string,
  schemaName: string,
  opts: SourceOptionsInput = {},
  hooks: DemoSourceWriteHooks = {},
): Promise<PostgresSourceResult> {
  if (!SCHEMA_NAME.test(schemaName)) {
    throw new RangeError(`schemaName must match ${SCHEMA_NAME}, got ${JSON.stringify(schemaName)}`);
  }
  const t0 = performance.now();
  const gen = createSourceGenerator(opts, hooks.chunkCustomers);
  const ownClient = typeof clientOrUrl === 'string' ? new pg.Client({ connectionString: clientOrUrl }) : null;
  const client: pg.ClientBase = ownClient ?? (clientOrUrl as pg.ClientBase);
  if (ownClient) await ownClient.connect();
  const staging = `${schemaName}__loading`;
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(staging)} CASCADE`);
    await client.query(`CREATE SCHEMA ${quoteIdent(staging)}`);
    for (const t of SOURCE_TABLES) await client.query(createTableSql(t, 'postgres', staging));
    await client.query(createMetaTableSql(staging));
    const inserts = SOURCE_TABLES.map((t) => unnestInsertSql(t, staging));
    const widths = SOURCE_TABLES.map((t) => t.columns.length);

    let customersDone = 0;
    let rowsWritten = 0;
    const chunkSize = hooks.chunkCustomers ?? 1000;
    for (const chunk of gen.chunks()) {
      hooks.signal?.throwIfAborted();
      const parts = [chunk.customers, chunk.usage, chunk.billing, chunk.churn];
      for (let k = 0; k < parts.length; k++) await insertRows(client, inserts[k], widths[k], parts[k]);
      customersDone = Math.min(gen.options.customers, customersDone + chunkSize);
      rowsWritten += parts.reduce((n, p) => n + p.length, 0);
      hooks.onProgress?.({ customersDone, customersTotal: gen.options.customers, rowsWritten });
    }
    hooks.signal?.throwIfAborted();
    const summary = gen.summary();
    for (const t of SOURCE_TABLES) for (const sql of createIndexSql(t, staging)) await client.query(sql);
    for (const [k, v] of sourceMetaEntries(summary)) {
      await client.query(`INSERT INTO ${qualifiedTableName('source_meta', staging)} (key, value) VALUES ($1, $2)`, [k, v]);
    }
    for (const t of SOURCE_TABLES) await client.query(`ANALYZE ${qualifiedTableName(t.name, staging)}`);

    await client.query('BEGIN');
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schemaName)} CASCADE`);
      await client.query(`ALTER SCHEMA ${quoteIdent(staging)} RENAME TO ${quoteIdent(schemaName)}`);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
    return { schema: schemaName, summary, elapsedMs: performance.now() - t0 };
  } catch (err) {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(staging)} CASCADE`).catch(() => undefined);
    throw err;
  } finally {
    if (ownClient) await ownClient.end();
  }
}
