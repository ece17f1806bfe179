import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  process.env.SIGNIN_MAX_FAILURES = '3';
});
afterAll(async () => t.drop());

type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;

async function authorizeFn(): Promise<Authorize> {
  const { authOptions } = await import('@/lib/server/auth/options');
  const provider = authOptions().providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize;
}

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const { hashPassword, verifyPassword } = await import('@/lib/server/auth/password');
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(h, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    await expect(hashPassword('short')).rejects.toThrow(/at least 10/);
  });
});

describe('users and sign-in', () => {
  it('creates users with a role and refuses duplicates and bad input', async () => {
    const { createUser } = await import('@/lib/server/users/users');
    const u = await createUser({ email: 'Sci@Example.com', password: 'a-long-password', role: 'scientist' });
    expect(u).toMatchObject({ email: 'sci@example.com', role: 'scientist' });
    expect(u).not.toHaveProperty('passwordHash');
    await expect(createUser({ email: 'sci@example.com', password: 'a-long-password', role: 'viewer' })).rejects.toThrow(/already exists/);
    await expect(createUser({ email: 'not-an-email', password: 'a-long-password', role: 'viewer' })).rejects.toThrow();
    await expect(createUser({ email: 'x@example.com', password: 'a-long-password', role: 'root' as never })).rejects.toThrow();
  });

  it('authorizes the right password, rejects a wrong one, and throttles repeated failures', async () => {
    const { createUser } = await import('@/lib/server/users/users');
    await createUser({ email: 'ann@example.com', password: 'anns-password', role: 'viewer' });
    const authorize = await authorizeFn();
    const req = { headers: { 'x-forwarded-for': '10.1.2.3' } };
    expect(await authorize({ email: 'ann@example.com', password: 'anns-password' }, req)).toMatchObject({ email: 'ann@example.com' });
    expect(await authorize({ email: 'ann@example.com', password: 'wrong' }, req)).toBeNull();
    expect(await authorize({ email: 'nobody@example.com', password: 'whatever' }, req)).toBeNull();
    await authorize({ email: 'ann@example.com', password: 'wrong' }, req);
    await authorize({ email: 'ann@example.com', password: 'wrong' }, req);
    // Third failure inside the window: even the right password is refused, with a clear message.
    await expect(authorize({ email: 'ann@example.com', password: 'anns-password' }, req)).rejects.toThrow(/Too many failed sign-in attempts/);
  });

  it('keeps at least one admin and audits role changes', async () => {
    const { createUser, changeUserRole } = await import('@/lib/server/users/users');
    const { db } = await import('@/lib/server/db/client');
    const admin = await createUser({ email: 'root@example.com', password: 'admin-password', role: 'admin' });
    const viewer = await createUser({ email: 'v@example.com', password: 'viewer-password', role: 'viewer' });
    await expect(changeUserRole(admin.id, admin.id, 'viewer')).rejects.toThrow(/last admin/);
    const promoted = await changeUserRole(admin.id, viewer.id, 'approver');
    expect(promoted.role).toBe('approver');
    const audit = await db().auditLog.findFirst({ where: { action: 'user.role', target: `user:${viewer.id}` } });
    expect(audit?.detail).toEqual({ from: 'viewer', to: 'approver' });
    expect(audit?.actorId).toBe(admin.id);
  });
});
