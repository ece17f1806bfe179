import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
let userId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  userId = (await createUser({ email: 'keys@example.com', password: 'keys-password', role: 'scientist' })).id;
});
afterAll(async () => t.drop());

describe('API keys', () => {
  it('create → verify → revoke', async () => {
    const { createApiKey, verifyApiKey, revokeApiKey, hashApiKey, listApiKeys } = await import('@/lib/server/api-keys/api-keys');
    const { db } = await import('@/lib/server/db/client');
    const { key, apiKey } = await createApiKey(userId, { name: 'CRM', scopes: ['predict'] });
    expect(key).toMatch(/^cl_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.prefix).toBe(key.slice(0, 10));

    // Only the hash is stored.
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key);

    await expect(verifyApiKey(key, 'predict')).resolves.toMatchObject({ id: apiKey.id, userId });
    await expect(verifyApiKey(key, 'read')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(verifyApiKey(`${key.slice(0, -2)}xx`, 'predict')).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(verifyApiKey(null, 'predict')).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(verifyApiKey('garbage', 'predict')).rejects.toMatchObject({ code: 'unauthorized' });

    const revoked = await revokeApiKey(userId, apiKey.id, false);
    expect(revoked.revokedAt).not.toBeNull();
    await expect(verifyApiKey(key, 'predict')).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/revoked/) });
    expect((await listApiKeys(userId, false)).map((k) => k.id)).toContain(apiKey.id);
    expect(await db().auditLog.count({ where: { target: `apikey:${apiKey.id}` } })).toBe(2);
  });

  it('rejects a key without a name or scopes, and hides other users\' keys', async () => {
    const { createApiKey, revokeApiKey } = await import('@/lib/server/api-keys/api-keys');
    const { createUser } = await import('@/lib/server/users/users');
    await expect(createApiKey(userId, { name: '', scopes: ['predict'] })).rejects.toThrow();
    await expect(createApiKey(userId, { name: 'x', scopes: [] })).rejects.toThrow(/at least one scope/);
    await expect(createApiKey(userId, { name: 'x', scopes: ['admin' as never] })).rejects.toThrow();
    const other = await createUser({ email: 'other@example.com', password: 'other-password', role: 'scientist' });
    const { apiKey } = await createApiKey(userId, { name: 'mine', scopes: ['read'] });
    await expect(revokeApiKey(other.id, apiKey.id, false)).rejects.toMatchObject({ code: 'not_found' });
  });
});
