import { expect, test } from '@playwright/test';
import { signIn, storageFor, type RoleName } from '../helpers';

test.describe('signed out', () => {
  test('an anonymous visit goes to the sign-in page', async ({ page }) => {
    await page.goto('/projects/telco-churn-demo');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fprojects%2Ftelco-churn-demo/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });

  test('a wrong password gives a clear message', async ({ page }) => {
    await signIn(page, 'scientist@churnlab.local', 'not-the-password');
    await expect(page.getByTestId('signin-error')).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(/\/signin/);
  });

  test('repeated failures are throttled with a clear message', async ({ page }) => {
    const email = `throttle-${Date.now()}@example.com`;
    for (let i = 0; i < 5; i++) {
      await signIn(page, email, 'wrong-password');
      await expect(page.getByTestId('signin-error')).toHaveText('Wrong email or password.');
    }
    await signIn(page, email, 'wrong-password');
    await expect(page.getByTestId('signin-error')).toContainText('Too many failed sign-in attempts. Try again in');
  });
});

const NAV: Record<RoleName, string[]> = {
  viewer: ['Projects', 'Dashboards', 'API docs'],
  scientist: ['Projects', 'Dashboards', 'API docs', 'API keys'],
  approver: ['Projects', 'Dashboards', 'API docs', 'API keys'],
  admin: ['Projects', 'Dashboards', 'API docs', 'API keys', 'Users'],
};

for (const role of Object.keys(NAV) as RoleName[]) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageFor(role) });
    test(`sees the ${role} navigation`, async ({ page }) => {
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText(NAV[role]);
      await expect(page.getByTestId('role')).toHaveText(role);
    });
  });
}

test.describe('as viewer', () => {
  test.use({ storageState: storageFor('viewer') });
  test('opening the admin page shows a 403 page, not a crash', async ({ page }) => {
    const res = await page.goto('/admin/users');
    expect(res?.status()).toBe(403);
    await expect(page.getByTestId('forbidden')).toContainText('403');
  });
  test('cannot see the API keys page either', async ({ page }) => {
    const res = await page.goto('/settings/api-keys');
    expect(res?.status()).toBe(403);
  });
});
