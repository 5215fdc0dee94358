import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/** The code an authenticator app shows for `secret`, `offset` time steps from now (±1 are accepted). */
const codeOf = (secret: string, offset = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offset * 30_000 });

async function readSecret(page: Page) {
  const shown = await page.getByTestId('two-factor-secret').textContent();
  return (shown ?? '').replace(/\s+/g, '');
}

async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.skipIf(chromiumMissing)('two-factor authentication', { timeout: 90_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('enrols in the account menu, signs out, and signs in with a code; an administrator resets it', async () => {
    const user = await e2e.createUserWithRoles(['employee'], { name: 'Tess Totp' });
    const page = await e2e.newPage();
    await loginAs(page, user.email, user.password);

    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('button', { name: 'Two-factor authentication' }).click();
    const dialog = page.getByRole('dialog', { name: 'Two-factor authentication' });
    await dialog.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    const secret = await readSecret(page);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByTestId('two-factor-uri').textContent()).toContain(`secret=${secret}`);
    await dialog.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await screenshot(page, 'two-factor-enrol');
    await dialog.getByLabel('Code from your authenticator app').fill(codeOf(secret, -1));
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    const codes = dialog.getByTestId('recovery-codes').getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await screenshot(page, 'two-factor-recovery-codes');
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await signInWithPassword(page, user.email, user.password);
    await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
    // A wrong code (five minutes old: outside the ±1 step window, whenever the 30 s step turns) is
    // refused on the page.
    await page.getByLabel('Code from your authenticator app').fill(codeOf(secret, -10));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('alert').waitFor();
    await screenshot(page, 'two-factor-code-refused');
    await page.getByLabel('Code from your authenticator app').fill(codeOf(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: /account menu/ }).waitFor();
    await screenshot(page, 'two-factor-signed-in');

    // The administrator resets it (a lost phone): the password alone signs in again.
    const admin = await e2e.newPage();
    await loginAs(admin, ADMIN.email, ADMIN.password, `/admin/users/${user.id}`);
    const card = admin.getByRole('region', { name: 'Two-factor authentication' });
    await card.getByText(/On since/).waitFor();
    await card.getByRole('button', { name: 'Reset two-factor' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Reset two-factor' }).click();
    await card.getByText('Off').waitFor();
    await screenshot(admin, 'two-factor-admin-reset');
    const again = await e2e.newPage();
    await loginAs(again, user.email, user.password);
  });

  it('a role that requires two-factor: the holder enrols while signing in, sees the recovery codes, then enters', async () => {
    await e2e.api('POST', '/api/v1/auth/roles', {
      name: 'treasurer',
      description: 'Holds the keys',
      permissions: ['hr:read'],
      requireTwoFactor: true,
    });
    const user = await e2e.createUserWithRoles(['treasurer'], { name: 'Rita Role' });

    // The role edit page shows the switch.
    const admin = await e2e.newPage();
    await loginAs(admin, ADMIN.email, ADMIN.password, '/admin/roles/treasurer');
    expect(await admin.getByLabel('Require two-factor authentication').isChecked()).toBe(true);

    const page = await e2e.newPage();
    await signInWithPassword(page, user.email, user.password);
    await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
    await page.getByTestId('two-factor-secret').waitFor();
    const secret = await readSecret(page);
    await page.getByLabel('Code from your authenticator app').fill(codeOf(secret));
    await page.getByRole('button', { name: 'Turn on and sign in' }).click();
    const codes = page.getByTestId('recovery-codes').getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await screenshot(page, 'two-factor-enrol-at-sign-in');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: /account menu/ }).waitFor();
  });
});
