import { expect, test } from '@playwright/test';
import { storageFor, type RoleName } from '../helpers';

test('health and readiness answer without a session', async ({ request }) => {
  expect((await request.get('/api/health')).status()).toBe(200);
  // as a readiness probe does: the scoring threads may still be booting with a champion another spec registered
  await expect.poll(async () => (await request.get('/api/ready')).status(), { timeout: 60_000 }).toBe(200);
  const ready = await request.get('/api/ready');
  expect((await ready.json()).checks.database.ok).toBe(true);
});

test('an anonymous API call is 401 with a JSON error', async ({ request }) => {
  const res = await request.get('/api/projects');
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe('unauthorized');
});

test('security headers are set on pages', async ({ request }) => {
  const res = await request.get('/signin');
  const h = res.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h['content-security-policy']).not.toMatch(/'unsafe-eval'|'unsafe-inline'[^;]*;\s*style/);
  expect(h['content-security-policy']).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-powered-by']).toBeUndefined();
});

// Who may do what, through real HTTP with each role's session.
const CASES: { role: RoleName; method: 'get' | 'post'; path: string; body?: unknown; status: number }[] = [
  { role: 'viewer', method: 'get', path: '/api/projects', status: 200 },
  { role: 'viewer', method: 'post', path: '/api/projects', body: { name: 'nope' }, status: 403 },
  { role: 'scientist', method: 'post', path: '/api/projects', body: { name: 'API project' }, status: 201 },
  { role: 'viewer', method: 'get', path: '/api/keys', status: 403 },
  { role: 'scientist', method: 'get', path: '/api/keys', status: 200 },
  { role: 'approver', method: 'get', path: '/api/admin/users', status: 403 },
  { role: 'admin', method: 'get', path: '/api/admin/users', status: 200 },
];

for (const c of CASES) {
  test.describe(`${c.role} ${c.method.toUpperCase()} ${c.path}`, () => {
    test.use({ storageState: storageFor(c.role) });
    test(`→ ${c.status}`, async ({ request }) => {
      const res = c.method === 'get' ? await request.get(c.path) : await request.post(c.path, { data: c.body });
      expect(res.status()).toBe(c.status);
    });
  });
}

test.describe('bad input is a 4xx naming the problem', () => {
  test.use({ storageState: storageFor('admin') });
  const BAD: { name: string; path: string; data: string; status: number; message: RegExp }[] = [
    { name: 'invalid JSON', path: '/api/projects', data: '{"name": ', status: 400, message: /not valid JSON/ },
    { name: 'empty body', path: '/api/projects', data: '', status: 400, message: /empty/ },
    { name: 'missing name', path: '/api/projects', data: '{}', status: 400, message: /name/ },
    { name: 'name of the wrong type', path: '/api/projects', data: '{"name": 42}', status: 400, message: /name/ },
    { name: 'unknown role', path: '/api/admin/users', data: '{"email":"a@b.co","password":"long-enough-pw","role":"root"}', status: 400, message: /role/ },
    { name: 'short password', path: '/api/admin/users', data: '{"email":"a@b.co","password":"short","role":"viewer"}', status: 400, message: /password/ },
    { name: 'bad email', path: '/api/admin/users', data: '{"email":"nope","password":"long-enough-pw","role":"viewer"}', status: 400, message: /email/ },
    { name: 'key without scopes', path: '/api/keys', data: '{"name":"k","scopes":[]}', status: 400, message: /scopes/ },
    { name: 'key with an unknown scope', path: '/api/keys', data: '{"name":"k","scopes":["admin"]}', status: 400, message: /scopes/ },
    { name: 'body over the size limit', path: '/api/projects', data: JSON.stringify({ name: 'x', description: 'y'.repeat(1_100_000) }), status: 413, message: /over/ },
  ];
  for (const b of BAD) {
    test(b.name, async ({ request }) => {
      const res = await request.post(b.path, { data: Buffer.from(b.data), headers: { 'content-type': 'application/json' } });
      expect(res.status()).toBe(b.status);
      expect((await res.json()).error.message).toMatch(b.message);
    });
  }
});

test.describe('bearer keys', () => {
  test.use({ storageState: storageFor('scientist') });
  test('an invalid key is 401; a key without the scope is 403', async ({ request, playwright, baseURL }) => {
    const created = await request.post('/api/keys', { data: { name: 'predict only', scopes: ['predict'] } });
    expect(created.status()).toBe(201);
    const { key } = await created.json();
    const anon = await playwright.request.newContext({ baseURL });
    const bad = await anon.get('/api/v1/projects', { headers: { authorization: 'Bearer cl_notarealkeynotarealkeynotarealkey' } });
    expect(bad.status()).toBe(401);
    expect(bad.headers()['www-authenticate']).toBe('Bearer');
    const wrongScope = await anon.get('/api/v1/projects', { headers: { authorization: `Bearer ${key}` } });
    expect(wrongScope.status()).toBe(403);
    expect((await wrongScope.json()).error.message).toMatch(/"read" scope/);
    await anon.dispose();
  });
});
