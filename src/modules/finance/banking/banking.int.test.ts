import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, createParty, issued, line } from '../documents/test-support.js';
import { rfReference } from '../printing/rf-reference.js';
import { chart, trialBalance, type AccountRef } from '../test/finance-helpers.js';
import { camt053, ofx, type SampleLine } from './banking.test-support.js';

interface StatementBody {
  id: string;
  lineCount: number;
  openingBalance: string;
  closingBalance: string;
  reconciledBalance: string;
  difference: string;
  reconciledCount: number;
  status: string;
  version: number;
}
interface LineBody {
  id: string;
  lineNo: number;
  amount: string;
  bookingDate: string;
  description: string;
  reference: string;
  counterparty: string;
  bankRef: string;
  status: string;
  matchKind: string | null;
  paymentId: string | null;
  journalEntryId: string | null;
  version: number;
}
interface ProposalBody {
  lineId: string;
  kind: string;
  paymentId: string | null;
  accountId: string | null;
  ruleId: string | null;
  documents: { documentId: string; amount: string }[];
}

const IBAN = 'DE89370400440532013000';
let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let customer: string;
let vendor: string;
let bankId: string;
const id = (code: string) => accounts[code]!.id;

const importFile = (bankAccountId: string, body: Record<string, unknown>) =>
  t.request<StatementBody & { duplicates?: { lineNo: number }[] }>(
    'POST',
    `${F}/bank-accounts/${bankAccountId}/statements`,
    {
      token,
      body,
    },
  );
const lines = async (statementId: string) =>
  (await t.request<{ items: LineBody[] }>('GET', `${F}/bank-statements/${statementId}/lines?limit=200`, { token })).body
    .items;
const statement = async (statementId: string) =>
  (await t.request<StatementBody>('GET', `${F}/bank-statements/${statementId}`, { token })).body;
const reconcile = (statementId: string, l: LineBody, body: Record<string, unknown>, as = token) =>
  t.request<{ line: LineBody; statement: StatementBody }>(
    'POST',
    `${F}/bank-statements/${statementId}/lines/${l.id}/reconcile`,
    { token: as, body: { version: l.version, ...body } },
  );
const unreconcile = (statementId: string, l: LineBody) =>
  t.request<{ line: LineBody; statement: StatementBody }>(
    'POST',
    `${F}/bank-statements/${statementId}/lines/${l.id}/unreconcile`,
    { token, body: { version: l.version } },
  );
const document = async (path: string, docId: string) =>
  (await t.request<{ status: string; open: string }>('GET', `${F}/${path}/${docId}`, { token })).body;

beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  token = (await t.userWithRoles(['finance-admin'])).token;
  accounts = await chart(t, token);
  customer = (await createParty(t, token, { kind: 'customer', name: 'Acme Ltd' })).id;
  vendor = (await createParty(t, token, { kind: 'vendor', name: 'Paper Co' })).id;
  const bank = await t.request<{ id: string }>('POST', `${F}/bank-accounts`, {
    token,
    body: {
      name: 'Main account',
      iban: 'DE89 3704 0044 0532 0130 00',
      currency: 'USD',
      accountId: id('1200'),
      openingBalance: '1000.00',
    },
  });
  if (bank.status !== 201) throw new Error(JSON.stringify(bank.body));
  bankId = bank.body.id;
});
afterAll(() => t.close());

describe('bank accounts', () => {
  it('validates the IBAN and the ledger account, and payments go through them', async () => {
    const got = await t.request<Record<string, unknown>>('GET', `${F}/bank-accounts/${bankId}`, { token });
    expect(got.body).toMatchObject({ iban: IBAN, accountCode: '1200', openingBalance: '1000.00', currency: 'USD' });
    const post = (body: Record<string, unknown>) =>
      t.request<{ errors?: { path: string; code?: string }[]; type: string }>('POST', `${F}/bank-accounts`, {
        token,
        body: { name: 'X', currency: 'USD', accountId: id('1100'), ...body },
      });
    expect((await post({ iban: 'DE89370400440532013001' })).body.errors?.[0]?.path).toBe('iban');
    expect((await post({})).status).toBe(422); // neither IBAN nor account number
    const receivable = await post({ accountNumber: '123', accountId: id('1300') });
    expect(receivable.body.type).toBe('https://moms.dev/problems/bank-account-invalid');
    expect((await post({ accountNumber: '123', accountId: id('4100') })).body.type).toBe(
      'https://moms.dev/problems/bank-account-invalid',
    );
    expect((await post({ accountNumber: '123', accountId: id('1200') })).body.type).toBe(
      'https://moms.dev/problems/bank-account-invalid',
    );

    const paid = await t.request<{ accountId: string; bankAccountId: string }>('POST', `${F}/payments`, {
      token,
      body: { direction: 'received', partyId: customer, date: '2026-04-03', amount: '10.00', bankAccountId: bankId },
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ accountId: id('1200'), bankAccountId: bankId });
    const other = await t.request('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: customer,
        date: '2026-04-03',
        amount: '10.00',
        bankAccountId: bankId,
        accountId: id('1100'),
      },
    });
    expect(other.status).toBe(422);
    const plain = await t.request<{ bankAccountId: string | null }>('POST', `${F}/payments`, {
      token,
      body: { direction: 'received', partyId: customer, date: '2026-04-03', amount: '10.00' },
    });
    expect(plain.body.bankAccountId).toBeNull();
  });
});

describe('statement import', () => {
  it('imports camt.053 (booked entries only) and refuses importing the same lines twice', async () => {
    const sample: SampleLine[] = [
      {
        date: '2026-04-01',
        amount: '120.50',
        counterparty: 'Acme Ltd',
        reference: 'RF18539007547034',
        bankRef: 'B-1',
        description: 'Invoice April',
      },
      { date: '2026-04-02', amount: '-40.00', counterparty: 'Paper Co', description: 'Paper', bankRef: 'B-2' },
      { date: '2026-04-02', amount: '-1.25', description: 'Fee', bankRef: 'B-3' },
    ];
    const xml = camt053({
      iban: IBAN,
      currency: 'USD',
      opening: '1000.00',
      lines: sample,
      pending: [{ date: '2026-04-03', amount: '9.99' }],
    });
    const res = await importFile(bankId, { format: 'camt053', content: xml, fileName: 'april.xml' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      lineCount: 3,
      openingBalance: '1000.00',
      closingBalance: '1079.25',
      reconciledBalance: '1000.00',
      difference: '79.25',
      status: 'open',
    });
    const got = await lines(res.body.id);
    expect(got.map((l) => [l.bookingDate, l.amount, l.counterparty, l.reference, l.bankRef])).toEqual([
      ['2026-04-01', '120.50', 'Acme Ltd', 'RF18539007547034', 'B-1'],
      ['2026-04-02', '-40.00', 'Paper Co', '', 'B-2'],
      ['2026-04-02', '-1.25', '', '', 'B-3'],
    ]);
    expect(got[0]!.description).toBe('Invoice April');

    const again = await importFile(bankId, { format: 'camt053', content: xml });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: 'https://moms.dev/problems/bank-statement-duplicate' });
    expect(again.body.duplicates?.map((d) => d.lineNo)).toEqual([1, 2, 3]);
    const listed = await t.request<{ items: unknown[] }>('GET', `${F}/bank-statements?bankAccountId=${bankId}`, {
      token,
    });
    expect(listed.body.items).toHaveLength(1);

    const wrong = await importFile(bankId, {
      format: 'camt053',
      content: camt053({ iban: 'GB82WEST12345698765432', currency: 'USD', opening: '0', lines: sample }),
    });
    expect(wrong.body).toMatchObject({ type: 'https://moms.dev/problems/bank-statement-wrong-account' });
    const doctype = await importFile(bankId, { format: 'camt053', content: `<!DOCTYPE x [<!ENTITY a "b">]>${xml}` });
    expect(doctype.body).toMatchObject({ type: 'https://moms.dev/problems/bank-statement-malformed' });
    const broken = await importFile(bankId, { format: 'camt053', content: xml.replace('</Stmt>', '') });
    expect(broken.status).toBe(422);
  });

  it('imports OFX 1.x (SGML) and 2.x (XML), CSV with a saved mapping, and refuses duplicates', async () => {
    const cash = await t.request<{ id: string }>('POST', `${F}/bank-accounts`, {
      token,
      body: { name: 'Checking', accountNumber: '000123456789', currency: 'USD', accountId: id('1100') },
    });
    expect(cash.status).toBe(201);
    const sgml = ofx({
      accountNumber: '000123456789',
      currency: 'USD',
      closing: '500.00',
      lines: [
        { date: '2026-04-05', amount: '200.00', counterparty: 'Acme & Sons', bankRef: 'F1', reference: '1001' },
        { date: '2026-04-06', amount: '-35.10', counterparty: 'Utility', description: 'Power April', bankRef: 'F2' },
      ],
    });
    const first = await importFile(cash.body.id, { format: 'ofx', content: sgml });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ lineCount: 2, openingBalance: '335.10', closingBalance: '500.00' });
    const got = await lines(first.body.id);
    expect(got.map((l) => [l.amount, l.counterparty, l.reference, l.bankRef])).toEqual([
      ['200.00', 'Acme & Sons', '1001', 'F1'],
      ['-35.10', 'Utility', '', 'F2'],
    ]);
    const xml = ofx({
      accountNumber: '000123456789',
      currency: 'USD',
      closing: '480.00',
      xml: true,
      lines: [{ date: '2026-04-07', amount: '-20.00', counterparty: 'Cafe', description: 'Lunch', bankRef: 'F3' }],
    });
    const second = await importFile(cash.body.id, { format: 'ofx', content: xml });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ openingBalance: '500.00', closingBalance: '480.00' });
    expect((await importFile(cash.body.id, { format: 'ofx', content: xml })).status).toBe(409);
    const otherAccount = await importFile(bankId, { format: 'ofx', content: sgml });
    expect(otherAccount.body).toMatchObject({ type: 'https://moms.dev/problems/bank-statement-wrong-account' });

    // CSV: debit/credit columns, decimal comma, DD.MM.YYYY; the mapping is saved for the next file.
    const csv =
      'Export of account 000123456789\nDatum;Text;Soll;Haben;Referenz\n08.04.2026;Transfer;;1.234,56;R-1\n09.04.2026;Card;12,30;;R-2\n';
    expect((await importFile(cash.body.id, { format: 'csv', content: csv })).body).toMatchObject({
      type: 'https://moms.dev/problems/csv-mapping-missing',
    });
    const mapping = {
      delimiter: ';',
      headerRow: 2,
      date: 'Datum',
      description: 'Text',
      debit: 'Soll',
      credit: 'Haben',
      reference: 'Referenz',
      dateFormat: 'DD.MM.YYYY',
      decimalSeparator: ',',
    };
    const viaCsv = await importFile(cash.body.id, {
      format: 'csv',
      content: csv,
      csvMapping: mapping,
      closingBalance: '1702.26',
    });
    expect(viaCsv.status).toBe(201);
    expect((await lines(viaCsv.body.id)).map((l) => [l.bookingDate, l.amount, l.reference])).toEqual([
      ['2026-04-08', '1234.56', 'R-1'],
      ['2026-04-09', '-12.30', 'R-2'],
    ]);
    const saved = await t.request<{ csvMapping: unknown }>('GET', `${F}/bank-accounts/${cash.body.id}`, { token });
    expect(saved.body.csvMapping).toMatchObject({ date: 'Datum', decimalSeparator: ',' });
    const next = await importFile(cash.body.id, {
      format: 'csv',
      content: 'x\nDatum;Text;Soll;Haben;Referenz\n10.04.2026;Rent;900,00;;R-3\n',
    });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ openingBalance: '1702.26', closingBalance: '802.26' });
    const unbalanced = await importFile(cash.body.id, {
      format: 'csv',
      content: 'x\nDatum;Text;Soll;Haben;Referenz\n11.04.2026;Rent;1,00;;R-4\n',
      closingBalance: '5.00',
    });
    expect(unbalanced.body).toMatchObject({ type: 'https://moms.dev/problems/bank-statement-unbalanced' });
  });
});

describe('reconciliation', () => {
  it('proposes matches by payment, reference, rules and counterparty; balances; unreconciles in an open period', async () => {
    const other = (await createParty(t, token, { kind: 'customer', name: 'Other GmbH' })).id;
    const inv1 = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-06-01',
      lines: [line('1', '250.00')],
    });
    const inv2 = await issued(t, token, 'invoices', {
      partyId: other,
      date: '2026-06-01',
      lines: [line('1', '120.00')],
    });
    const bill = await issued(t, token, 'bills', { partyId: vendor, date: '2026-06-01', lines: [line('1', '80.00')] });
    const payment = await t.request<{ id: string }>('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: customer,
        date: '2026-06-02',
        amount: '75.00',
        reference: 'ORDER-77',
        bankAccountId: bankId,
      },
    });
    const fees = await t.request<{ id: string }>('POST', `${F}/bank-rules`, {
      token,
      body: {
        name: 'Bank fees',
        field: 'description',
        pattern: '^(fee|charges?)\\b',
        direction: 'out',
        accountId: id('6800'),
      },
    });
    expect(fees.status).toBe(201);
    expect(
      (
        await t.request('POST', `${F}/bank-rules`, {
          token,
          body: { name: 'Paper', field: 'counterparty', pattern: 'paper', partyId: vendor },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.request('POST', `${F}/bank-rules`, {
          token,
          body: { name: 'Bad', field: 'description', pattern: '(', accountId: id('6800') },
        })
      ).status,
    ).toBe(422);

    const sample: SampleLine[] = [
      {
        date: '2026-06-03',
        amount: '250.00',
        reference: rfReference(inv1.number!),
        counterparty: 'ACME',
        bankRef: 'J-1',
      },
      { date: '2026-06-03', amount: '75.00', description: 'ORDER-77', counterparty: 'Acme Ltd', bankRef: 'J-2' },
      { date: '2026-06-04', amount: '-80.00', counterparty: 'PAPER CO LTD', description: 'invoice', bankRef: 'J-3' },
      { date: '2026-06-04', amount: '120.00', counterparty: 'Other GmbH', bankRef: 'J-4' },
      { date: '2026-06-05', amount: '-4.50', description: 'Fee for account maintenance', bankRef: 'J-5' },
      { date: '2026-06-05', amount: '33.00', description: 'unknown', bankRef: 'J-6' },
    ];
    const imported = await importFile(bankId, {
      format: 'camt053',
      content: camt053({ iban: IBAN, currency: 'USD', opening: '1079.25', lines: sample, statementId: 'JUNE' }),
    });
    expect(imported.status).toBe(201);
    const sid = imported.body.id;
    let ls = await lines(sid);
    const proposals = (
      await t.request<{ items: ProposalBody[] }>('GET', `${F}/bank-statements/${sid}/proposals`, { token })
    ).body.items;
    const byLine = new Map(proposals.map((p) => [ls.find((l) => l.id === p.lineId)!.lineNo, p]));
    expect([...byLine.keys()].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(byLine.get(1)).toMatchObject({ kind: 'documents', documents: [{ documentId: inv1.id, amount: '250.00' }] });
    expect(byLine.get(2)).toMatchObject({ kind: 'payment', paymentId: payment.body.id });
    expect(byLine.get(3)).toMatchObject({ kind: 'documents', documents: [{ documentId: bill.id, amount: '80.00' }] });
    expect(byLine.get(4)).toMatchObject({ kind: 'documents', documents: [{ documentId: inv2.id, amount: '120.00' }] });
    expect(byLine.get(5)).toMatchObject({ kind: 'entry', accountId: id('6800'), ruleId: fees.body.id });

    const accepted = await t.request<{ reconciled: string[]; statement: StatementBody }>(
      'POST',
      `${F}/bank-statements/${sid}/proposals/accept`,
      { token, body: {} },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.reconciled).toHaveLength(5);
    expect(accepted.body.statement).toMatchObject({ reconciledCount: 5, difference: '33.00' });
    expect(await document('invoices', inv1.id)).toMatchObject({ status: 'paid', open: '0.00' });
    expect(await document('bills', bill.id)).toMatchObject({ status: 'paid' });
    const finishEarly = await t.request('POST', `${F}/bank-statements/${sid}/finish`, { token, body: { version: 1 } });
    expect(finishEarly.body).toMatchObject({ type: 'https://moms.dev/problems/bank-statement-not-balanced' });

    ls = await lines(sid);
    const l6 = ls[5]!;
    const manual = await reconcile(sid, l6, { kind: 'entry', accountId: id('4900') });
    expect(manual.status).toBe(200);
    expect(manual.body.statement).toMatchObject({
      difference: '0.00',
      reconciledBalance: manual.body.statement.closingBalance,
    });
    expect((await reconcile(sid, manual.body.line, { kind: 'entry', accountId: id('4900') })).status).toBe(409);

    // Unreconcile in an open period: the entry is reversed on the booking date.
    const undone = await unreconcile(sid, manual.body.line);
    expect(undone.status).toBe(200);
    expect(undone.body.line).toMatchObject({ status: 'unmatched', journalEntryId: null });
    const reversed = await t.request<{ reversedByEntryId: string | null }>(
      'GET',
      `${F}/journal-entries/${manual.body.line.journalEntryId}`,
      { token },
    );
    expect(reversed.body.reversedByEntryId).not.toBeNull();

    // Every posting goes through the period lock: June closed, nothing reconciles or unreconciles in it.
    const years = await t.request<{ items: { year: number; periods: { id: string; period: number }[] }[] }>(
      'GET',
      `${F}/fiscal-years`,
      { token },
    );
    const june = years.body.items.find((y) => y.year === 2026)!.periods.find((p) => p.period === 6)!;
    expect((await t.request('POST', `${F}/periods/${june.id}/close`, { token })).status).toBe(200);
    const closedEntry = await reconcile(sid, undone.body.line, { kind: 'entry', accountId: id('4900') });
    expect(closedEntry.body).toMatchObject({ type: 'https://moms.dev/problems/period-closed' });
    const closedDocs = await reconcile(sid, undone.body.line, {
      kind: 'documents',
      allocations: [{ documentId: inv2.id, amount: '1.00' }],
    });
    expect(closedDocs.status).toBe(422);
    ls = await lines(sid);
    expect((await unreconcile(sid, ls[0]!)).body).toMatchObject({ type: 'https://moms.dev/problems/period-closed' });
    expect(ls[5]!.status).toBe('unmatched');
    expect((await t.request('POST', `${F}/periods/${june.id}/reopen`, { token })).status).toBe(200);

    // Unreconcile a line that created a payment: it is unallocated and voided, the invoice is open again.
    const l1 = ls[0]!;
    const paymentId = l1.paymentId!;
    expect((await unreconcile(sid, l1)).status).toBe(200);
    expect(await document('invoices', inv1.id)).toMatchObject({ status: 'issued', open: '250.00' });
    const voided = await t.request<{ status: string }>('GET', `${F}/payments/${paymentId}`, { token });
    expect(voided.body.status).toBe('void');
    // Unreconcile a matched existing payment: it is only released (and proposed again).
    expect((await unreconcile(sid, ls[1]!)).status).toBe(200);
    expect(
      (await t.request<{ status: string }>('GET', `${F}/payments/${payment.body.id}`, { token })).body.status,
    ).toBe('posted');

    const again = await t.request<{ reconciled: string[] }>('POST', `${F}/bank-statements/${sid}/proposals/accept`, {
      token,
      body: { lineIds: [l1.id, ls[1]!.id] },
    });
    expect(again.body.reconciled).toHaveLength(2);
    ls = await lines(sid);
    expect((await reconcile(sid, ls[5]!, { kind: 'entry', accountId: id('4900') })).status).toBe(200);
    const before = await statement(sid);
    expect(before).toMatchObject({ difference: '0.00', reconciledCount: 6 });
    expect(before.reconciledBalance).toBe(before.closingBalance);
    const finished = await t.request<StatementBody>('POST', `${F}/bank-statements/${sid}/finish`, {
      token,
      body: { version: before.version },
    });
    expect(finished.body).toMatchObject({ status: 'finished' });
    ls = await lines(sid);
    expect((await unreconcile(sid, ls[5]!)).body).toMatchObject({
      type: 'https://moms.dev/problems/bank-statement-finished',
    });

    // The bank's ledger account holds what the reconciled lines moved (plus earlier payments).
    expect((await trialBalance(t, token)).balanced).toBe(true);
    const posted = await t.db
      .selectFrom('finance.journal_entries')
      .select(['status', 'number'])
      .where('source_type', '=', 'bank-statement-line')
      .execute();
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.every((e) => e.status === 'posted' && e.number !== null)).toBe(true);
  });

  it('lets only one of two bookkeepers reconcile a line, and one of two imports of a file', async () => {
    const xml = camt053({
      iban: IBAN,
      currency: 'USD',
      opening: '0',
      statementId: 'RACE',
      lines: [{ date: '2026-07-01', amount: '-2.00', description: 'charge', bankRef: 'R-1' }],
    });
    const imports = await Promise.all([
      importFile(bankId, { format: 'camt053', content: xml, openingBalance: '0' }),
      importFile(bankId, { format: 'camt053', content: xml }),
    ]);
    expect(imports.map((r) => r.status).sort()).toEqual([201, 409]);
    const sid = imports.find((r) => r.status === 201)!.body.id;
    const [l] = await lines(sid);
    const a = (await t.userWithRoles(['accountant'])).token;
    const b = (await t.userWithRoles(['accountant'])).token;
    const results = await Promise.all([
      reconcile(sid, l!, { kind: 'entry', accountId: id('6800') }, a),
      reconcile(sid, l!, { kind: 'entry', accountId: id('6800') }, b),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const entries = await t.db
      .selectFrom('finance.journal_entries')
      .select('id')
      .where('source_type', '=', 'bank-statement-line')
      .where('source_id', '=', l!.id)
      .execute();
    expect(entries).toHaveLength(1);
    const bookkeeper = (await t.userWithRoles(['bookkeeper'])).token;
    const current = (await lines(sid))[0]!;
    expect((await unreconcile(sid, current)).status).toBe(200);
    const refused = await reconcile(sid, (await lines(sid))[0]!, { kind: 'entry', accountId: id('6800') }, bookkeeper);
    expect(refused.status).toBe(403);
  });
});
