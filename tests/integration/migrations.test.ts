import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations } from '@/lib/server/db/schema-engine';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => t.drop());

  it('apply to an empty database, record history, and are idempotent', async () => {
    const list = (await loadMigrations()) as unknown as { migrationDirectories: { path: string }[] };
    const names = list.migrationDirectories.map((d) => d.path);
    expect(names.length).toBeGreaterThan(0);

    expect(await applyMigrations(t.url)).toEqual(names);
    expect(await applyMigrations(t.url)).toEqual([]);

    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    try {
      const tables = (await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).rows.map((r) => r.table_name);
      for (const table of ['User', 'ApiKey', 'Project', 'AuditLog', 'SignInAttempt', '_prisma_migrations']) expect(tables).toContain(table);
      const history = await c.query(`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY started_at`);
      expect(history.rows.map((r) => r.migration_name)).toEqual(names);
      expect(history.rows.every((r) => r.finished_at !== null)).toBe(true);
    } finally {
      await c.end();
    }
  });
});
