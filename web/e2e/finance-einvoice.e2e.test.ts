import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

const F = '/api/v1/finance';
const ACME = {
  legalName: 'Acme Trading NV',
  vatId: 'BE0123456749',
  countryCode: 'BE',
  endpointScheme: '0208',
  endpointId: '0123456749',
};
const GLOBEX = {
  legalName: 'Globex GmbH',
  vatId: 'DE123456789',
  countryCode: 'DE',
  endpointScheme: '9930',
  endpointId: 'DE123456789',
};
type Identity = typeof ACME;

/**
 * Issue #22: an issued invoice downloads as a Peppol e-invoice from its page, and a supplier's
 * e-invoice becomes a draft bill from the bills list. One installation plays both companies: it
 * invoices as Acme, then (its company profile changed to Globex) imports Acme's invoice as a bill.
 */
describe.skipIf(chromiumMissing)('finance e-invoicing', { timeout: 90_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const becomes = async (who: Identity) => {
    const { version } = await e2e.api<{ version: number }>('GET', `${F}/document-settings`);
    await e2e.api('PATCH', `${F}/document-settings`, {
      ...who,
      street: 'Main street 1',
      city: 'Town',
      postalZone: '1000',
      iban: 'BE71 0961 2345 6769',
      bic: 'GKCCBEBB',
      version,
    });
  };
  const partyFor = async (kind: 'customer' | 'vendor', who: Identity) => {
    const party = await e2e.api<{ id: string; version: number }>('POST', `${F}/parties`, {
      kind,
      name: who.legalName,
      taxId: who.vatId,
    });
    await e2e.api('PUT', `${F}/parties/${party.id}/e-invoicing`, {
      countryCode: who.countryCode,
      endpointScheme: who.endpointScheme,
      endpointId: who.endpointId,
      street: 'Road 2',
      city: 'City',
      postalZone: '2000',
      version: party.version,
    });
    return party.id;
  };

  it('downloads an issued invoice as UBL and imports a supplier’s UBL invoice as a draft bill', async () => {
    await becomes(ACME);
    const vat = await e2e.api<{ id: string }>('POST', `${F}/tax-codes`, {
      code: 'VAT21',
      name: 'VAT 21 %',
      kind: 'sales',
      rate: '0.21',
    });
    await e2e.api('POST', `${F}/tax-codes`, { code: 'PVAT21', name: 'Input VAT 21 %', kind: 'purchase', rate: '0.21' });
    const globex = await partyFor('customer', GLOBEX);
    const draft = await e2e.api<{ id: string }>('POST', `${F}/invoices`, {
      partyId: globex,
      date: new Date().toISOString().slice(0, 10),
      lines: [{ description: 'Widgets', quantity: '4', unitPrice: '25.00', taxCodeId: vat.id }],
    });
    const invoice = await e2e.api<{ number: string; total: string }>('POST', `${F}/invoices/${draft.id}/issue`, {});
    expect(invoice.total).toBe('121.00');

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/finance/invoices/${draft.id}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download e-invoice (UBL)' }).click(),
    ]);
    const file = await download.path();
    const xml = await readFile(file, 'utf8');
    expect(xml).toContain('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(xml).toContain(`<cbc:ID>${invoice.number}</cbc:ID>`);

    // Now the same books as Globex, who knows Acme as a vendor: Acme's invoice becomes a draft bill.
    await becomes(GLOBEX);
    await partyFor('vendor', ACME);
    await page.goto('/finance/bills');
    await page.getByText('Import e-invoice (UBL)').waitFor();
    await page.locator('.fin-import-ubl input[type="file"]').setInputFiles(file);
    await page.getByRole('heading', { name: 'Draft bill', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('document-total').innerText()).toBe('$121.00');
    await screenshot(page, 'finance-bill-from-ubl');

    // The same invoice again: refused, in words, and no second bill.
    await page.goto('/finance/bills');
    await page.locator('.fin-import-ubl input[type="file"]').setInputFiles(file);
    await page
      .getByRole('alert')
      .getByText(/Not imported:/)
      .waitFor();
  });
});
