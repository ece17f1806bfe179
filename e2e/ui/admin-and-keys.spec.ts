import { expect, test } from '@playwright/test';
import { storageFor } from '../helpers';

test.describe('admin', () => {
  test.use({ storageState: storageFor('admin') });
  test('lists users and changes a role', async ({ page }) => {
    const email = `role-${Date.now()}@example.com`;
    await page.goto('/admin/users');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Initial password (10+ characters)').fill('a-fine-password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('status')).toHaveText(`created ${email}`);
    await page.getByLabel(`Role of ${email}`).selectOption('approver');
    await expect(page.getByRole('status')).toHaveText(`${email} is now approver`);
    await page.reload();
    await expect(page.getByLabel(`Role of ${email}`)).toHaveValue('approver');
  });
});

test.describe('API keys', () => {
  test.use({ storageState: storageFor('scientist') });
  test('create (shown once) → use over HTTP → revoke → refused', async ({ page, playwright, baseURL }) => {
    await page.goto('/settings/api-keys');
    const name = `e2e key ${Date.now()}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('read').check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-key').textContent())!.trim();
    expect(key).toMatch(/^cl_/);

    const api = await playwright.request.newContext({ baseURL });
    const ok = await api.get('/api/v1/projects', { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).projects.map((p: { slug: string }) => p.slug)).toContain('telco-churn-demo');

    await page.reload();
    await expect(page.getByTestId('new-key')).toHaveCount(0); // shown once
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect(row).toContainText('revoked');

    const refused = await api.get('/api/v1/projects', { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.message).toMatch(/revoked/);
    await api.dispose();
  });
});
