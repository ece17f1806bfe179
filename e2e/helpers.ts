import path from 'node:path';
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

/** The IBM Telco CSV beside the repo (CI copies ../shared the same way). */
export const TELCO = path.resolve('../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');

/** Creates a project through the UI and uploads the Telco CSV with Churn = Yes as target; returns slug + snapshot id. */
export async function projectWithTelco(page: Page, label: string): Promise<{ slug: string; snapshotId: string }> {
  await page.goto('/');
  await page.getByLabel('Name').fill(`${label} ${Date.now()}`);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByTestId('project-name')).toBeVisible();
  const slug = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
  await page.getByTestId('upload-input').setInputFiles(TELCO);
  await expect(page.getByTestId('upload-draft')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('target-select')).toHaveValue('Churn');
  await expect(page.getByTestId('positive-select')).toHaveValue('Yes');
  await page.getByTestId('create-snapshot').click();
  const row = page.getByTestId('snapshot-row').first();
  await expect(row).toContainText('7,043');
  const snapshotId = await row.getAttribute('data-snapshot-id');
  expect(snapshotId).toBeTruthy();
  return { slug, snapshotId: snapshotId! };
}
