import { expect, type Page } from '@playwright/test';

export const USERS = {
  viewer: { email: 'viewer@churnlab.local', password: 'viewer-demo-pass' },
  scientist: { email: 'scientist@churnlab.local', password: 'scientist-demo-pass' },
  approver: { email: 'approver@churnlab.local', password: 'approver-demo-pass' },
  admin: { email: 'admin@churnlab.local', password: 'admin-demo-pass' },
} as const;

export type RoleName = keyof typeof USERS;

export const storageFor = (role: RoleName) => `e2e/.auth/${role}.json`;

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signInAs(page: Page, role: RoleName): Promise<void> {
  await signIn(page, USERS[role].email, USERS[role].password);
  await expect(page.getByTestId('role')).toHaveText(role);
}
