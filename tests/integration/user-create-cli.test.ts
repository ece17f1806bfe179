import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/user-create.ts', ...args], {
    env: { ...process.env, DATABASE_URL: t.url },
    encoding: 'utf8',
    input: '',
  });
}

describe('npm run user:create', () => {
  it('creates the first admin outside demo mode', async () => {
    const r = cli(['--email', 'First@Example.com', '--role', 'admin', '--password', 'first-admin-pass']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('created admin first@example.com');
    const { db } = await import('@/lib/server/db/client');
    const u = await db().user.findUniqueOrThrow({ where: { email: 'first@example.com' } });
    expect(u.role).toBe('admin');
    expect(u.passwordHash).toMatch(/^\$argon2id\$/);
  });
  it('refuses a bad role, a short password and a duplicate, naming the problem', () => {
    const badRole = cli(['--email', 'x@example.com', '--role', 'root', '--password', 'long-enough-pass']);
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of viewer, scientist, approver, admin/);
    const short = cli(['--email', 'y@example.com', '--role', 'viewer', '--password', 'short']);
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/password: must be at least 10 characters/);
    const dup = cli(['--email', 'first@example.com', '--role', 'viewer', '--password', 'long-enough-pass']);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);
  });
});
