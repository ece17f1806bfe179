// Node-only: SQL text for the demo source tables in SQLite and PostgreSQL, derived from SOURCE_TABLES.
import { SOURCE_TABLES, type SourceColumnType, type SourceTable } from '@/lib/data/synthetic/source-schema';

export type SqlDialect = 'sqlite' | 'postgres';

const TYPE_MAP: Record<SqlDialect, Record<SourceColumnType, string>> = {
  // SQLite keeps the seed's declared types; DATE values are ISO text.
  sqlite: { TEXT: 'TEXT', DATE: 'DATE', INTEGER: 'INTEGER', REAL: 'REAL' },
  // PostgreSQL REAL is float4; DOUBLE PRECISION keeps the generator's decimals exact on round trip.
  postgres: { TEXT: 'TEXT', DATE: 'DATE', INTEGER: 'INTEGER', REAL: 'DOUBLE PRECISION' },
};

/** `"name"` with embedded quotes doubled. */
export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

function qualified(table: string, schema?: string): string {
  return schema ? `${quoteIdent(schema)}.${quoteIdent(table)}` : quoteIdent(table);
}

/** CREATE TABLE for one source table. */
export function createTableSql(table: SourceTable, dialect: SqlDialect, schema?: string): string {
  const cols = table.columns.map((c) => `${quoteIdent(c.name)} ${TYPE_MAP[dialect][c.type]}${c.nullable ? '' : ' NOT NULL'}`);
  return `CREATE TABLE ${qualified(table.name, schema)} (${cols.join(', ')})`;
}

/** CREATE INDEX statements for one table (run after the bulk load; it is faster than maintaining them). */
export function createIndexSql(table: SourceTable, schema?: string): string[] {
  return table.indexes.map(
    (col) => `CREATE INDEX ${quoteIdent(`${table.name}_${col}_idx`)} ON ${qualified(table.name, schema)} (${quoteIdent(col)})`,
  );
}

/** `source_meta(key, value)`: value is JSON text. */
export function createMetaTableSql(schema?: string): string {
  return `CREATE TABLE ${qualified('source_meta', schema)} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`;
}

export { SOURCE_TABLES, qualified as qualifiedTableName };
