import { test as setup } from '@playwright/test';
import { signInAs, storageFor, USERS, type RoleName } from './helpers';

for (const role of Object.keys(USERS) as RoleName[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signInAs(page, role);
    await page.context().storageState({ path: storageFor(role) });
  });
}
