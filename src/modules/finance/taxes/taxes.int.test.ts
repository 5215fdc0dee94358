import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { Money } from '../money.js';
import { F, createParty, issued, line, type DocBody } from '../documents/test-support.js';
import { chart, type AccountRef } from '../test/finance-helpers.js';
import { createStandardApp } from '../../../app/standard-app.js';
import { pdfText } from '../printing/pdf-text.test-support.js';

/** Issue #22: tax codes, inclusive prices, rounding, reverse charge, fiscal positions, the return. */

interface TaxDoc extends DocBody {
  taxReturnId: string | null;
  lines: (DocBody['lines'][number] & { taxCodeId: string | null; taxRate: string })[];
  taxes: { code: string; side: string; selfAssessed: boolean; base: string; tax: string; accountId: string | null }[];
}
interface Report {
  codes: { taxCodeId: string | null; code: string; side: string; selfAssessed: boolean; base: string; tax: string }[];
  boxes: { box: string; amount: string }[];
  outputTax: string;
  inputTax: string;
  netPayable: string;
  accounts: { code: string; fromDocuments: string; ledger: string; difference: string }[];
}

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let customer: string;
let vendor: string;
let euVendor: string;
const codes: Record<string, string> = {};

const code = async (body: Record<string, unknown>) => {
  const res = await t.request<{ id: string }>('POST', `${F}/tax-codes`, { token, body });
  if (res.status !== 201) throw new Error(`tax code: ${res.status} ${JSON.stringify(res.body)}`);
  codes[body.code as string] = res.body.id;
  return res.body.id;
};
const doc = (path: 'invoices' | 'bills' | 'credit-notes' | 'vendor-credits', body: Record<string, unknown>) =>
  issued(t, token, path, body) as Promise<TaxDoc>;
const get = async (path: string, id: string) => (await t.request<TaxDoc>('GET', `${F}/${path}/${id}`, { token })).body;
const report = async (from: string, to: string) => {
  const res = await t.request<Report>('GET', `${F}/reports/tax-return?from=${from}&to=${to}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const setRounding = async (taxRounding: 'line' | 'document') => {
  const s = await t.request<{ version: number }>('GET', `${F}/settings`, { token });
  const res = await t.request('PATCH', `${F}/settings`, { token, body: { version: s.body.version, taxRounding } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

beforeAll(async () => {
  t = await createTestApp();
  token = (await t.userWithRoles(['accountant', 'finance-admin'])).token;
  accounts = await chart(t, token);
  // A second output account for the county tax: a liability only the tax code posts to.
  const county = await t.request<{ id: string }>('POST', `${F}/accounts`, {
    token,
    body: { code: '2250', name: 'County sales tax', type: 'liability' },
  });
  expect(county.status, JSON.stringify(county.body)).toBe(201);
  accounts['2250'] = { id: county.body.id, code: '2250' };
  await code({ code: 'VAT20', name: 'VAT 20 %', kind: 'sales', rate: '0.2', netBox: '1', taxBox: '6' });
  await code({ code: 'IN20', name: 'Input VAT 20 %', kind: 'purchase', rate: '0.2', netBox: '4', taxBox: '7' });
  await code({
    code: 'RC20',
    name: 'Reverse charge 20 %',
    kind: 'purchase',
    rate: '0.2',
    treatment: 'reverse-charge',
    netBox: '4',
    taxBox: '7',
    reverseTaxBox: '6',
  });
  await code({
    code: 'EXP0',
    name: 'Export',
    kind: 'sales',
    treatment: 'zero-rated',
    exemptReason: 'Export outside the EU',
    netBox: '2',
  });
  await code({ code: 'STATE', name: 'State 6.25 %', kind: 'sales', rate: '0.0625', taxBox: 'S' });
  await code({
    code: 'COUNTY',
    name: 'County 1 %',
    kind: 'sales',
    rate: '0.01',
    taxBox: 'C',
    accountId: accounts['2250']!.id,
  });
  await code({
    code: 'US',
    name: 'State + county',
    kind: 'sales',
    components: [{ taxCodeId: codes.STATE }, { taxCodeId: codes.COUNTY }],
  });
  customer = (await createParty(t, token, { kind: 'customer', name: 'Tax Customer' })).id;
  vendor = (await createParty(t, token, { kind: 'vendor', name: 'Tax Vendor' })).id;
  const eu = await createParty(t, token, { kind: 'vendor', name: 'EU Vendor GmbH' });
  euVendor = eu.id;
  const position = await t.request<{ id: string }>('POST', `${F}/fiscal-positions`, {
    token,
    body: { name: 'Intra-EU', kind: 'intra-eu', mappings: [{ fromTaxCodeId: codes.IN20, toTaxCodeId: codes.RC20 }] },
  });
  expect(position.status, JSON.stringify(position.body)).toBe(201);
  const set = await t.request('PUT', `${F}/parties/${euVendor}/fiscal-position`, {
    token,
    body: { fiscalPositionId: position.body.id, version: eu.version },
  });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
});
afterAll(() => t.close());

describe('tax codes on documents', () => {
  it('takes the tax out of a tax-inclusive invoice and posts it to the code account', async () => {
    // 120.00 incl. 20 % → 100.00 + 20.00; 10.00 incl. → 8.33 + 1.67 (1.6666… rounded).
    const inv = await doc('invoices', {
      partyId: customer,
      date: '2026-01-10',
      pricesIncludeTax: true,
      lines: [line('1', '120.00', { taxCodeId: codes.VAT20 }), line('1', '10.00', { taxCodeId: codes.VAT20 })],
    });
    expect(inv.lines.map((l) => [l.net, l.tax, l.taxRate])).toEqual([
      ['100.00', '20.00', '20'],
      ['8.33', '1.67', '20'],
    ]);
    expect([inv.subtotal, inv.taxTotal, inv.total]).toEqual(['108.33', '21.67', '130.00']);
    const full = await get('invoices', inv.id);
    expect(full.taxes.map((x) => [x.code, x.base, x.tax])).toEqual([['VAT20', '108.33', '21.67']]);
    const lines = await t.db
      .selectFrom('finance.journal_lines')
      .select(['account_id', 'credit'])
      .where('entry_id', '=', inv.journalEntryId!)
      .execute();
    expect(lines.find((l) => l.account_id === accounts['2200']!.id)!.credit).toBe('21.6700');
  });

  it('an exclusive invoice with the same net gives the same tax as the hand calculation', async () => {
    const inv = await doc('invoices', {
      partyId: customer,
      date: '2026-01-11',
      lines: [line('1', '100.00', { taxCodeId: codes.VAT20 }), line('1', '8.33', { taxCodeId: codes.VAT20 })],
    });
    expect([inv.subtotal, inv.taxTotal, inv.total]).toEqual(['108.33', '21.67', '130.00']);
  });

  it('rounds per line (3 × 6.67 = 20.01) or per document (19.998 → 20.00) as the company sets', async () => {
    const body = {
      partyId: customer,
      date: '2026-01-12',
      lines: [0, 1, 2].map(() => line('1', '33.33', { taxCodeId: codes.VAT20 })),
    };
    const perLine = await doc('invoices', body);
    expect([perLine.taxTotal, perLine.total]).toEqual(['20.01', '120.00']);
    await setRounding('document');
    try {
      const perDoc = await doc('invoices', body);
      expect([perDoc.taxTotal, perDoc.total]).toEqual(['20.00', '119.99']);
      expect(perDoc.lines.map((l) => l.tax)).toEqual(['6.67', '6.67', '6.66']);
    } finally {
      await setRounding('line');
    }
  });

  it('a group charges each component to its own account (state 12.50 + county 2.00 on 200.00)', async () => {
    const inv = await doc('invoices', {
      partyId: customer,
      date: '2026-01-13',
      lines: [line('2', '100.00', { taxCodeId: codes.US })],
    });
    expect([inv.taxTotal, inv.total]).toEqual(['14.50', '214.50']);
    const full = await get('invoices', inv.id);
    expect(full.taxes.map((x) => [x.code, x.tax, x.accountId])).toEqual([
      ['STATE', '12.50', accounts['2200']!.id],
      ['COUNTY', '2.00', accounts['2250']!.id],
    ]);
  });

  it('an exempt / zero-rated line charges nothing and keeps its reason', async () => {
    const inv = await doc('invoices', {
      partyId: customer,
      date: '2026-01-14',
      lines: [line('1', '500.00', { taxCodeId: codes.EXP0 })],
    });
    expect([inv.taxTotal, inv.total]).toEqual(['0.00', '500.00']);
  });

  it('reverse charge through the fiscal position: nothing charged, output and input self-assessed', async () => {
    // The line names the domestic input code; the intra-EU position maps it to reverse charge.
    const bill = await doc('bills', {
      partyId: euVendor,
      date: '2026-01-15',
      lines: [line('1', '1000.00', { taxCodeId: codes.IN20, accountId: accounts['6600']!.id })],
    });
    expect([bill.taxTotal, bill.total]).toEqual(['0.00', '1000.00']);
    expect(bill.lines[0]!.taxCodeId).toBe(codes.RC20);
    const full = await get('bills', bill.id);
    expect(full.taxes.map((x) => [x.side, x.selfAssessed, x.base, x.tax, x.accountId])).toEqual([
      ['output', true, '1000.00', '200.00', accounts['2200']!.id],
      ['input', false, '1000.00', '200.00', accounts['1350']!.id],
    ]);
    const lines = await t.db
      .selectFrom('finance.journal_lines')
      .select(['account_id', 'debit', 'credit'])
      .where('entry_id', '=', bill.journalEntryId!)
      .execute();
    const on = (code: string) => lines.find((l) => l.account_id === accounts[code]!.id)!;
    expect([on('2200').credit, on('1350').debit, on('2100').credit]).toEqual(['200.0000', '200.0000', '1000.0000']);
  });

  it('a domestic bill with input VAT, and a line with no code keeps the free percentage', async () => {
    const bill = await doc('bills', {
      partyId: vendor,
      date: '2026-02-01',
      lines: [
        line('1', '50.00', { taxCodeId: codes.IN20, accountId: accounts['6400']!.id }),
        line('1', '10.00', { taxRate: '10', accountId: accounts['6400']!.id }),
      ],
    });
    expect([bill.taxTotal, bill.total]).toEqual(['11.00', '71.00']);
  });

  it('an account default gives a line its code; a code of the wrong kind is refused', async () => {
    const set = await t.request('PUT', `${F}/tax-defaults/${accounts['4200']!.id}`, {
      token,
      body: { taxCodeId: codes.VAT20 },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const inv = await doc('invoices', {
      partyId: customer,
      date: '2026-02-02',
      lines: [line('1', '40.00', { accountId: accounts['4200']!.id })],
    });
    expect([inv.lines[0]!.taxCodeId, inv.taxTotal]).toEqual([codes.VAT20, '8.00']);
    const wrong = await t.request<{ errors: { path: string }[] }>('POST', `${F}/invoices`, {
      token,
      body: { partyId: customer, date: '2026-02-02', lines: [line('1', '1.00', { taxCodeId: codes.IN20 })] },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]!.path).toBe('lines.0.taxCodeId');
  });

  it('a credit note reverses the tax at the rate of the invoice it credits, even after a rate change', async () => {
    const inv = await doc('invoices', {
      partyId: customer,
      date: '2026-02-03',
      lines: [line('1', '100.00', { taxCodeId: codes.VAT20 })],
    });
    const current = await t.request<{ version: number }>('GET', `${F}/tax-codes/${codes.VAT20}`, { token });
    const patched = await t.request('PATCH', `${F}/tax-codes/${codes.VAT20}`, {
      token,
      body: { rate: '0.21', version: current.body.version },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    try {
      const cn = await doc('credit-notes', {
        partyId: customer,
        date: '2026-02-04',
        creditsDocumentId: inv.id,
        lines: [line('1', '100.00', { taxCodeId: codes.VAT20 })],
      });
      expect([cn.taxTotal, cn.total]).toEqual(['20.00', '120.00']);
      expect((await get('invoices', inv.id)).status).toBe('paid');
    } finally {
      const again = await t.request<{ version: number }>('GET', `${F}/tax-codes/${codes.VAT20}`, { token });
      await t.request('PATCH', `${F}/tax-codes/${codes.VAT20}`, {
        token,
        body: { rate: '0.2', version: again.body.version },
      });
    }
  });

  it("a manual entry to a tax code's account is refused like one to the tax roles", async () => {
    const res = await t.request<{ type: string }>('POST', `${F}/journal-entries`, {
      token,
      body: {
        date: '2026-02-05',
        memo: 'x',
        lines: [
          { accountId: accounts['2250']!.id, debit: '1.00' },
          { accountId: accounts['1200']!.id, credit: '1.00' },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://moms.dev/problems/control-account');
  });
});

describe('the tax return', () => {
  it('equals the sum of the documents of the period and ties to the tax accounts', async () => {
    const r = await report('2026-01-01', '2026-03-31');
    // Independently: every issued document's breakdown in the period, credits negative.
    const rows = await sql<{
      kind: string;
      side: string;
      self_assessed: boolean;
      code: string;
      tax: string;
      base: string;
    }>`
      select d.kind, t.side, t.self_assessed, t.code, t.tax, t.base
        from finance.documents d join finance.document_taxes t on t.document_id = d.id
       where d.status <> 'draft' and d.document_date between '2026-01-01' and '2026-03-31'`.execute(t.db);
    const sum = (side: string) =>
      rows.rows
        .filter((x) => x.side === side)
        .reduce((s, x) => s.plus(new Money(x.tax).times(x.kind.includes('credit') ? -1 : 1)), new Money(0));
    expect(r.outputTax).toBe(sum('output').toFixed(2));
    expect(r.inputTax).toBe(sum('input').toFixed(2));
    // By hand: output 21.67 + 21.67 + 20.01 + 20.00 + 12.50 + 2.00 + 200.00 (RC) + 8.00 + 20.00 − 20.00 (CN) = 305.85
    expect(r.outputTax).toBe('305.85');
    // Input: 200.00 (RC) + 10.00 + 1.00 = 211.00
    expect(r.inputTax).toBe('211.00');
    expect(r.netPayable).toBe('94.85');
    // The reverse charge shows on both sides and nets to zero.
    const rc = r.codes.filter((c) => c.code === 'RC20');
    expect(rc.map((c) => [c.side, c.selfAssessed, c.tax])).toEqual([
      ['output', true, '200.00'],
      ['input', false, '200.00'],
    ]);
    // Boxes: 6 = output VAT (VAT20 + RC output); 7 = input (IN20 + RC input); 2 = export base.
    const box = (b: string) => r.boxes.find((x) => x.box === b)?.amount;
    expect(box('6')).toBe('291.35'); // 21.67 + 21.67 + 20.01 + 20.00 + 8.00 + 20.00 − 20.00 + 200.00
    expect(box('7')).toBe('210.00');
    expect(box('2')).toBe('500.00');
    // Tie-out against the ledger: each tax account's movement equals the return.
    for (const a of r.accounts) expect(a.difference, a.code).toBe('0.00');
    const ledger = await sql<{ net: string }>`
      select coalesce(sum(base_credit - base_debit), 0) as net from finance.journal_lines
       where account_id in (${accounts['2200']!.id}, ${accounts['2250']!.id}, ${accounts['1350']!.id})
         and posted_date between '2026-01-01' and '2026-03-31'`.execute(t.db);
    expect(new Money(ledger.rows[0]!.net).toFixed(2)).toBe(r.netPayable);
  });

  it('drills down to the documents of a code, and exports CSV', async () => {
    const res = await t.request<{ items: { number: string; tax: string }[] }>(
      'GET',
      `${F}/reports/tax-return/documents?from=2026-01-01&to=2026-03-31&taxCodeId=${codes.COUNTY}`,
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.tax)).toEqual(['2.00']);
    expect(res.body.items[0]!.number).toMatch(/^INV-2026-/);
    const csv = await t.request<string>('GET', `${F}/reports/tax-return.csv?from=2026-01-01&to=2026-03-31`, { token });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('Net payable');
    expect(String(csv.body)).toContain('94.85');
    // And as a PDF: the codes, the boxes and the net payable, as a reader extracts them.
    const printed = await createStandardApp(t.runtime).request(
      `${F}/reports/tax-return.pdf?from=2026-01-01&to=2026-03-31&download=true`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(printed.status).toBe(200);
    expect(printed.headers.get('content-type')).toBe('application/pdf');
    expect(printed.headers.get('content-disposition')).toContain('tax-return-2026-01-01-2026-03-31.pdf');
    const text = await pdfText(new Uint8Array(await printed.arrayBuffer()));
    expect(text).toContain('TAX RETURN');
    expect(text).toContain('Period 2026-01-01 to 2026-03-31');
    expect(text).toContain('Not filed');
    expect(text).toContain('COUNTY');
    expect(text).toContain('Net payable (output minus input) 94.85 USD');
    expect(text).toContain('2200 Tax payable (output VAT) documents 303.85 ledger 303.85 difference 0.00');
  });

  it('filing locks the period: issuing or voiding into it is 409, corrections go into the next return', async () => {
    const draft = await t.request<{ id: string }>('POST', `${F}/invoices`, {
      token,
      body: { partyId: customer, date: '2026-03-15', lines: [line('1', '10.00', { taxCodeId: codes.VAT20 })] },
    });
    const inQ1 = await doc('invoices', {
      partyId: customer,
      date: '2026-03-20',
      lines: [line('1', '50.00', { taxCodeId: codes.VAT20 })],
    });
    const filed = await t.request<{ id: string; netPayable: string; report: Report }>('POST', `${F}/tax-returns`, {
      token,
      body: { from: '2026-01-01', to: '2026-03-31' },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body.netPayable).toBe('104.85'); // 94.85 + 10.00
    expect((await get('invoices', inQ1.id)).taxReturnId).toBe(filed.body.id);

    const issue = await t.request<{ type: string; detail: string }>('POST', `${F}/invoices/${draft.body.id}/issue`, {
      token,
    });
    expect(issue.status).toBe(409);
    expect(issue.body.type).toBe('https://moms.dev/problems/tax-period-filed');
    expect(issue.body.detail).toContain('next return');
    const voided = await t.request<{ type: string }>('POST', `${F}/invoices/${inQ1.id}/void`, {
      token,
      body: { date: '2026-03-31' },
    });
    expect(voided.status).toBe(409);
    const again = await t.request('POST', `${F}/tax-returns`, {
      token,
      body: { from: '2026-03-01', to: '2026-04-30' },
    });
    expect(again.status).toBe(409);

    // The correction: a credit note dated in the next period shows in the next return, negative.
    await doc('credit-notes', {
      partyId: customer,
      date: '2026-04-02',
      creditsDocumentId: inQ1.id,
      lines: [line('1', '50.00', { taxCodeId: codes.VAT20 })],
    });
    const q2 = await report('2026-04-01', '2026-06-30');
    expect(q2.outputTax).toBe('-10.00');
    // The filed return keeps its figures.
    const kept = await t.request<{ report: Report }>('GET', `${F}/tax-returns/${filed.body.id}`, { token });
    expect(kept.body.report.netPayable).toBe('104.85');
  });

  it('filing while documents are being issued: every issued document is in the return, or refused (409)', async () => {
    const drafts = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        t.request<{ id: string }>('POST', `${F}/invoices`, {
          token,
          body: {
            partyId: customer,
            date: `2026-07-0${n}`,
            lines: [line('1', `${n}0.00`, { taxCodeId: codes.VAT20 })],
          },
        }),
      ),
    );
    const results = await Promise.all([
      ...drafts.map((d) => t.request('POST', `${F}/invoices/${d.body.id}/issue`, { token })),
      t.request<{ id: string; outputTax: string }>('POST', `${F}/tax-returns`, {
        token,
        body: { from: '2026-07-01', to: '2026-07-31' },
      }),
    ]);
    const filed = results.at(-1)! as { status: number; body: { id: string; outputTax: string } };
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    for (const r of results.slice(0, -1)) expect([200, 409]).toContain(r.status);
    const issuedJuly = await t.db
      .selectFrom('finance.documents')
      .select(['tax_total', 'tax_return_id'])
      .where('status', '<>', 'draft')
      .where('document_date', '>=', '2026-07-01')
      .where('document_date', '<=', '2026-07-31')
      .execute();
    expect(issuedJuly.every((d) => d.tax_return_id === filed.body.id)).toBe(true);
    const sum = issuedJuly.reduce((s, d) => s.plus(d.tax_total), new Money(0));
    expect(filed.body.outputTax).toBe(sum.toFixed(2));
  });

  it('in a foreign currency the tie-out converts tax as the document posted it (per account, once)', async () => {
    // EUR at 1.0845: 0.35 × 20 % = 0.07 and 1.12 × 6.25 % = 0.07, both on 2200. Converted per code:
    // 0.075915 → 0.08 twice = 0.16; the entry posts 0.14 EUR once: 0.15183 → 0.15.
    await doc('invoices', {
      partyId: customer,
      date: '2026-09-10',
      currency: 'EUR',
      exchangeRate: '1.0845',
      lines: [line('1', '0.35', { taxCodeId: codes.VAT20 }), line('1', '1.12', { taxCodeId: codes.STATE })],
    });
    const r = await report('2026-09-01', '2026-09-30');
    const vat = r.accounts.find((a) => a.code === '2200')!;
    expect([vat.fromDocuments, vat.ledger, vat.difference]).toEqual(['0.15', '0.15', '0.00']);
    expect(r.outputTax).toBe('0.15');
  });
});
