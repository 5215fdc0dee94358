import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

describe.skipIf(chromiumMissing)('administration', { timeout: 60_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('creates a user and assigns a role through the UI', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/admin/users');
    await page.getByRole('link', { name: 'New user' }).click();
    await page.getByRole('heading', { name: 'New user' }).waitFor();

    // Client validation first: nothing filled in.
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Not a valid email address.').waitFor();

    await page.getByLabel('Email').fill('grace@e2e.test');
    await page.getByLabel('Name').fill('Grace Hopper');
    await page.getByLabel('Password').fill('a-long-enough-password');
    await page.getByLabel(/^sales-rep/).check();
    await screenshot(page, 'admin-new-user-form');
    await page.getByRole('button', { name: 'Create user' }).click();

    await page.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    const roles = page.getByRole('region', { name: 'Roles' });
    expect(await roles.getByLabel(/^sales-rep/).isChecked()).toBe(true);
    expect(await roles.getByLabel(/^employee/).isChecked()).toBe(true);

    // Assign another role, drop one.
    await roles.getByLabel(/^manager/).check();
    await roles.getByLabel(/^employee/).uncheck();
    await roles.getByRole('button', { name: 'Save roles' }).click();
    await page.getByText('Roles saved.').waitFor();
    await screenshot(page, 'admin-user-roles-saved');

    const users = await e2e.api<{ items: { email: string; roles: string[] }[] }>('GET', '/api/v1/auth/users?q=grace');
    expect(users.items.find((u) => u.email === 'grace@e2e.test')?.roles.sort()).toEqual(['manager', 'sales-rep']);

    // The new user is in the list.
    await page.getByRole('link', { name: 'Back to users' }).click();
    await page.getByLabel('Search').first().fill('grace');
    await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();
    await screenshot(page, 'admin-users-list');
  });

  it('shows server field errors next to the field and confirms before deactivating', async () => {
    const page = await e2e.newPage();
    const existing = await e2e.createUserWithRoles(['employee'], { name: 'Ada Lovelace' });
    await loginAs(page, ADMIN.email, ADMIN.password, '/admin/users/new');
    await page.getByLabel('Email').fill(existing.email);
    await page.getByLabel('Name').fill('Someone Else');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('alert').first().waitFor();
    await screenshot(page, 'admin-duplicate-email');

    await page.goto(`/admin/users/${existing.id}`);
    await page.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deactivate Ada Lovelace?' });
    await dialog.waitFor();
    await screenshot(page, 'admin-confirm-deactivate');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('Ada Lovelace is deactivated.').waitFor();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
  });
});
