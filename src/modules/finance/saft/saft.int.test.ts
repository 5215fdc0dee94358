import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, createParty, issued, line } from '../documents/test-support.js';
import { safTAuditFile } from '../index.js';
import { chart, financeReader, type AccountRef } from '../test/finance-helpers.js';

/** Issue #18 (owned by Finance): the SAF-T 2.00 audit file, validated with libxml2 against the XSD subset. */

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let xsd: string;

async function validate(xml: string) {
  const result = await validateXML({
    xml: [{ fileName: 'saf-t.xml', contents: xml }],
    schema: [{ fileName: 'saft-2.00-subset.xsd', contents: xsd }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['finance-admin'])).token;
  accounts = await chart(t, token);
  xsd = await readFile(join(import.meta.dirname, 'saft-2.00-subset.xsd'), 'utf8');
});
afterAll(() => t.close());

describe('SAF-T 2.00 audit file', () => {
  it('holds the ledger, master files and sales invoices of the period and validates against the schema', async () => {
    const customer = (await createParty(t, token, { kind: 'customer', name: 'Audit & Co <Ltd>', taxId: 'DE123' })).id;
    const eur = (await createParty(t, token, { kind: 'customer', name: 'Euro Audit GmbH', currency: 'EUR' })).id;
    const vendor = (await createParty(t, token, { kind: 'vendor', name: 'Audit Supplies' })).id;
    const before = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-01-20',
      lines: [line('1', '50', { accountId: accounts['4100']!.id })],
    });
    const inv = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-02-10',
      lines: [line('2', '150', { accountId: accounts['4100']!.id, taxRate: '20' })],
    });
    await issued(t, token, 'invoices', {
      partyId: eur,
      date: '2026-02-12',
      currency: 'EUR',
      exchangeRate: '1.1',
      lines: [line('1', '100', { accountId: accounts['4200']!.id })],
    });
    await issued(t, token, 'bills', {
      partyId: vendor,
      date: '2026-02-15',
      lines: [line('1', '80', { accountId: accounts['6400']!.id })],
    });
    const pay = await t.request('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: customer,
        date: '2026-02-20',
        amount: '100.00',
        allocations: [{ documentId: inv.id, amount: '100.00' }],
      },
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);

    const xml = await safTAuditFile(t.db, { from: '2026-02-01', to: '2026-02-28', created: '2026-03-01' });
    const result = await validate(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);

    const doc = new XMLParser({
      removeNSPrefix: true,
      parseTagValue: false,
      isArray: (name) =>
        ['Account', 'Customer', 'Supplier', 'Journal', 'Transaction', 'Line', 'Invoice'].includes(name),
    }).parse(xml).AuditFile;
    expect(doc.Header).toMatchObject({
      AuditFileVersion: '2.00',
      DefaultCurrencyCode: 'USD',
      SelectionCriteria: { SelectionStartDate: '2026-02-01', SelectionEndDate: '2026-02-28' },
    });
    // The ledger: debits equal credits; January's invoice is outside the period.
    const gl = doc.GeneralLedgerEntries;
    expect(gl.TotalDebit).toBe(gl.TotalCredit);
    const txIds = gl.Journal.flatMap((j: { Transaction: { TransactionID: string }[] }) =>
      j.Transaction.map((x) => x.TransactionID),
    );
    expect(Number(gl.NumberOfEntries)).toBe(txIds.length);
    expect(txIds.length).toBe(4); // three invoices and bills in February, one payment
    // Receivables (1300): 50.00 open from January, closing 50 + 360 + 110 − 100 = 420.00.
    const ar = doc.MasterFiles.GeneralLedgerAccounts.Account.find((a: { AccountID: string }) => a.AccountID === '1300');
    expect(ar).toMatchObject({ OpeningDebitBalance: '50.00', ClosingDebitBalance: '420.00' });
    const ap = doc.MasterFiles.GeneralLedgerAccounts.Account.find((a: { AccountID: string }) => a.AccountID === '2100');
    expect(ap).toMatchObject({ OpeningDebitBalance: '0.00', ClosingCreditBalance: '80.00' });
    const c = doc.MasterFiles.Customers.Customer.find((x: { CustomerID: string }) => x.CustomerID === customer);
    expect(c).toMatchObject({ Name: 'Audit & Co <Ltd>', OpeningDebitBalance: '50.00', ClosingDebitBalance: '310.00' });
    const s = doc.MasterFiles.Suppliers.Supplier.find((x: { SupplierID: string }) => x.SupplierID === vendor);
    expect(s).toMatchObject({ OpeningDebitBalance: '0.00', ClosingCreditBalance: '80.00' });
    // Sales invoices: the two of February, the EUR one in base with its own amount beside it.
    const sales = doc.SourceDocuments.SalesInvoices;
    expect(sales.Invoice.map((i: { InvoiceNo: string }) => i.InvoiceNo)).not.toContain(before.number);
    expect(sales).toMatchObject({ NumberOfEntries: '2', TotalDebit: '0.00', TotalCredit: '410.00' });
    const euro = sales.Invoice.find((i: { CustomerInfo: { CustomerID: string } }) => i.CustomerInfo.CustomerID === eur);
    expect(euro.Line[0].InvoiceLineAmount).toEqual({
      Amount: '110.00',
      CurrencyCode: 'EUR',
      CurrencyAmount: '100.00',
      ExchangeRate: '1.1',
    });
  });

  it('is served at GET /saf-t to finance:read, with 422 for a bad period; a broken file fails the schema', async () => {
    const reader = (await financeReader(t)).token;
    const res = await t.request<string>('GET', `${F}/saf-t?from=2026-02-01&to=2026-02-28`, { token: reader });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/xml/);
    expect((await t.request('GET', `${F}/saf-t?from=2026-03-01&to=2026-02-28`, { token })).status).toBe(422);
    expect((await t.request('GET', `${F}/saf-t?from=2024-01-01&to=2026-02-28`, { token })).status).toBe(422);
    expect((await t.request('GET', `${F}/saf-t?from=2026-02-30&to=2026-03-01`, { token })).status).toBe(422);
    // The validator does catch a wrong file: a line without an amount.
    const xml = await safTAuditFile(t.db, { from: '2026-02-01', to: '2026-02-28' });
    const broken = xml.replace(/<DebitAmount>[\s\S]*?<\/DebitAmount>/, '');
    expect((await validate(broken)).valid).toBe(false);
  });
});
