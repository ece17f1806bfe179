/**
 * Vitest global setup: a real PostgreSQL for the integration tests. TEST_DATABASE_ADMIN_URL (a URL whose user may
 * CREATE DATABASE; CI sets it to Debian's PostgreSQL 15) is used when set; otherwise the embedded PostgreSQL is
 * started in a temporary directory and stopped after the run. Each test file then gets its own database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../lib/server/db/embedded-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_ADMIN_URL;
  if (external) {
    project.provide('pgAdminUrl', external);
    return async () => {};
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-test-pg-'));
  const db = await startEmbeddedPostgres({ dataDir: dir, database: 'churnlab_test' });
  project.provide('pgAdminUrl', db.adminUrl);
  return async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
