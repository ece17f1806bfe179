/**
 * Vitest global setup: a real PostgreSQL for the integration tests. TEST_DATABASE_ADMIN_URL (a URL whose user may
 * CREATE DATABASE; CI sets it to Debian's PostgreSQL 15) is used when set; otherwise the embedded PostgreSQL is
 * started in a temporary directory by a child process and stopped after the run. Each test file then gets its
 * own database (tests/helpers/test-database.ts).
 */
import { spawn } from 'node:child_process';
import type { TestProject } from 'vitest/node';

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
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/test-postgres.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^URL (\S+)$/m.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`test PostgreSQL failed to start (exit ${code}): ${out}`)));
  });
  project.provide('pgAdminUrl', url);
  return async () => {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  };
}
