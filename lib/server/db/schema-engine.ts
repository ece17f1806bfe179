/**
 * Prisma migrations without the native schema engine (which the Prisma CLI downloads, and which cannot be
 * fetched here): Prisma's own WebAssembly build of the schema engine, driven through the pg driver adapter.
 * It fills the standard `_prisma_migrations` table, so `prisma migrate deploy` can take over wherever the
 * native engine is available.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';

export const SCHEMA_PATH = path.resolve('prisma/schema.prisma');
export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

type MigrationList = Parameters<SchemaEngine['applyMigrations']>[0]['migrationsList'];
const NO_FILTER = { externalTables: [] as string[], externalEnums: [] as string[] };

/** Reads prisma/migrations the way the Prisma CLI does (one folder per migration, each with migration.sql). */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const lockPath = path.join(dir, 'migration_lock.toml');
  const entries = existsSync(dir) ? (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()) : [];
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const migrationDirectories = [];
  for (const e of entries) {
    const file = path.join(dir, e.name, 'migration.sql');
    const content = existsSync(file)
      ? { tag: 'ok' as const, value: await readFile(file, 'utf8') }
      : { tag: 'error' as const, value: `missing ${file}` };
    migrationDirectories.push({ path: e.name, migrationFile: { path: 'migration.sql', content } });
  }
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories,
  } as unknown as MigrationList;
}

/**
 * Explicit connection fields rather than `connectionString`: the adapter opens its shadow database with
 * `{ ...config, database }`, and a connection string would override that `database` (the shadow would be the
 * main database).
 */
function poolConfigFromUrl(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    ssl: u.searchParams.get('sslmode') === 'require' ? { rejectUnauthorized: false } : undefined,
  };
}

let engineClass: Promise<typeof SchemaEngine> | undefined;

/** The package targets bundlers (`import * as wasm from "x.wasm"`); Node needs the module instantiated by hand. */
function loadEngine(): Promise<typeof SchemaEngine> {
  engineClass ??= (async () => {
    const pkgDir = path.dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const wasmPath = path.join(pkgDir, 'schema_engine_bg.wasm');
    const bytes = await readFile(wasmPath);
    const bindings = engineBindings as unknown as Record<string, unknown> & { __wbg_set_wasm(w: unknown): void };
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings as never });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings.SchemaEngine as typeof SchemaEngine;
  })();
  return engineClass;
}

/**
 * Runs a migration script as one simple-protocol query, which PostgreSQL executes as one implicit transaction
 * (all of a migration or none of it). The stock adapter splits the script at every `;` — including inside comments
 * and `DO $$ … $$` bodies — and runs the pieces one by one.
 */
function wholeScripts<A extends object>(adapter: A): A {
  const a = adapter as unknown as { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never; executeScript(script: string): Promise<void> };
  a.executeScript = async (script: string) => {
    try {
      await a.client.query(script);
    } catch (e) {
      a.onError(e);
    }
  };
  return adapter;
}

/**
 * The adapter factory handed to the engine. The engine never disposes what it opens, and the stock
 * `connectToShadowDb` leaves its shadow database behind, so this one tracks both and cleans up in close().
 */
class ManagedPgFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  private readonly opened: { dispose(): Promise<void> }[] = [];
  private readonly shadows: string[] = [];
  constructor(private readonly config: ReturnType<typeof poolConfigFromUrl>) {}

  async connect() {
    const adapter = wholeScripts(await new PrismaPg(this.config).connect());
    this.opened.push(adapter);
    return adapter;
  }

  async connectToShadowDb() {
    const name = `churnlab_shadow_${randomUUID().replace(/-/g, '')}`;
    await this.admin((c) => c.query(`CREATE DATABASE "${name}"`));
    this.shadows.push(name);
    const adapter = wholeScripts(await new PrismaPg({ ...this.config, database: name }).connect());
    this.opened.push(adapter);
    return adapter;
  }

  async close(): Promise<void> {
    for (const a of this.opened.splice(0)) await a.dispose().catch(() => {});
    for (const name of this.shadows.splice(0)) {
      await this.admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => {});
    }
  }

  private async admin(fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
    const client = new pg.Client(this.config);
    await client.connect();
    try {
      await fn(client);
    } finally {
      await client.end();
    }
  }
}

async function withEngine<T>(url: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const factory = new ManagedPgFactory(poolConfigFromUrl(url));
  const adapter = bindMigrationAwareSqlAdapterFactory(factory as never);
  const Engine = await loadEngine();
  const engine = await Engine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, adapter);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await factory.close();
  }
}

/** Applies every migration not yet applied; returns the names applied now. Safe to run on every start. */
export async function applyMigrations(url: string): Promise<string[]> {
  const migrationsList = await loadMigrations();
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return out.appliedMigrationNames;
  });
}

/** File kept beside each migration.sql: the schema.prisma the migration brings the database to. */
export const SNAPSHOT_FILE = 'schema.prisma.snapshot';

/**
 * SQL from the schema of the latest migration (its snapshot) to the current schema.prisma: a schema-to-schema
 * diff, which needs no shadow database (replaying migrations would need introspection, which the wasm engine
 * cannot do through the pg adapter).
 */
export async function diffSchemaAgainstMigrations(url: string): Promise<string> {
  const migrationsList = (await loadMigrations()) as unknown as { migrationDirectories: { path: string }[] };
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const last = migrationsList.migrationDirectories.at(-1);
  let from: Parameters<SchemaEngine['diff']>[0]['from'] = { tag: 'empty' };
  if (last) {
    const snap = path.join(MIGRATIONS_DIR, last.path, SNAPSHOT_FILE);
    if (!existsSync(snap)) throw new Error(`migration ${last.path} has no ${SNAPSHOT_FILE}; cannot diff`);
    from = { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: await readFile(snap, 'utf8') }] };
  }
  return withEngine(url, async (engine) => {
    const res = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return res.stdout ?? '';
  });
}
