import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

describe.skipIf(chromiumMissing)('compliance', { timeout: 180_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('creates a control (the server 422 shown at its field) and lists it with its health and reasons', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/compliance');
    await page.getByRole('heading', { level: 1, name: 'Controls' }).waitFor();
    await page.getByRole('link', { name: 'New control' }).click();
    await page.getByRole('heading', { level: 1, name: 'New control' }).waitFor();
    await page.getByLabel('Name').fill('E2E access reviews');
    const frequency = page.getByLabel('Review every (days)');
    await frequency.fill('0');
    await page.getByRole('button', { name: 'Create control' }).click();
    // The server rejects a frequency below one day: its 422 lands at the field.
    await expect.poll(() => frequency.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    await screenshot(page, 'compliance-control-validation-error');

    await frequency.fill('90');
    await page.getByRole('button', { name: 'Create control' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E access reviews' }).waitFor();
    await page.getByText('The control is planned.').waitFor();

    await page.getByRole('link', { name: 'All controls' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'E2E access reviews' }) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Amber.*The control is planned\./);
    await screenshot(page, 'compliance-controls');
  });

  it('shows a risk in the heat map, and the cell filters the list', async () => {
    await e2e.api('POST', '/api/v1/compliance/risks', {
      title: 'E2E laptop theft',
      threat: 'Stolen laptops',
      inherent: { likelihood: 4, impact: 3 },
    });
    await e2e.api('POST', '/api/v1/compliance/risks', {
      title: 'E2E flood',
      inherent: { likelihood: 1, impact: 5 },
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/compliance/risks');
    await page.getByRole('heading', { level: 1, name: 'Risk register' }).waitFor();
    const map = page.getByRole('table', { name: /Risks by likelihood and impact/ });
    const cell = map.getByRole('button', { name: /^1 risk: likelihood Likely, impact / });
    await cell.waitFor();
    await page.getByRole('cell', { name: 'E2E flood' }).waitFor();
    await cell.click();
    expect(await cell.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('cell', { name: /E2E laptop theft/ }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'E2E flood' }).count()).toBe(0);
    await screenshot(page, 'compliance-heat-map');
  });
  it('imports a built-in framework, shows its requirement tree and coverage, and links a new control to a requirement', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/compliance/frameworks');
    await page.getByRole('heading', { level: 1, name: 'Frameworks' }).waitFor();
    await page.getByRole('button', { name: /^Import General Data Protection Regulation/ }).click();
    await page.getByRole('link', { name: /^General Data Protection Regulation/ }).click();
    await page.getByRole('heading', { level: 1, name: /General Data Protection Regulation/ }).waitFor();
    await page.getByText(/^0 of \d+ covered \(0%\)$/).waitFor();
    await page.getByRole('rowheader', { name: 'Art. 5', exact: true }).waitFor();

    await page.getByRole('link', { name: 'New control for Art. 5', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'New control' }).waitFor();
    await page.getByRole('group', { name: 'Linked requirements' }).getByText('Art. 5').waitFor();
    await page.getByLabel('Name').fill('E2E processing principles');
    await page.getByRole('button', { name: 'Create control' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E processing principles' }).waitFor();
    const linked = page.getByRole('region', { name: 'Linked requirements' });
    await linked.getByText('Art. 5').waitFor();

    await linked.getByRole('link', { name: /General Data Protection Regulation/ }).click();
    await page.getByText(/^1 of \d+ covered/).waitFor();
    await screenshot(page, 'compliance-framework');
  });
});
