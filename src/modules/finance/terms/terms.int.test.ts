import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { F, createParty, issued, line, type DocBody } from '../documents/test-support.js';
import { chart, trialBalance, type AccountRef } from '../test/finance-helpers.js';
import { workRegistry } from '../../../app/jobs.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { proposeReminders } from './dunning.service.js';
import { recurringDocumentsJob } from './terms.jobs.js';

/** Issue #23: payment terms and instalments, reminders (dunning), recurring invoices and bills. */

interface Term {
  id: string;
  version: number;
}
interface Schedule {
  instalments: { seq: number; dueDate: string; amount: string; paid: string; open: string; discountAmount: string }[];
}
interface Reminder {
  id: string;
  documentId: string;
  level: number;
  status: string;
  daysOverdue: number;
  sendId: string | null;
  feeDocumentId: string | null;
}
interface Problem {
  status: number;
  code?: string;
  errors?: { path: string; code?: string }[];
}

let t: TestApp;
let token: string;
let accounts: Record<string, AccountRef>;
let term: Term;

beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  token = (await t.userWithRoles(['finance-admin'])).token;
  accounts = await chart(t, token);
  const res = await t.request<Term>('POST', `${F}/payment-terms`, {
    token,
    body: {
      name: '30 % now, 70 % in 60 days',
      instalments: [
        { percent: '30', days: 0 },
        { percent: '70', days: 60 },
      ],
      discountPercent: '2',
      discountDays: 10,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  term = res.body;
});
afterAll(() => t.close());

const reminders = async (documentId: string) =>
  (await t.request<{ items: Reminder[] }>('GET', `${F}/reminders?documentId=${documentId}`, { token })).body.items;
const propose = async (date: string) =>
  (await t.request<{ proposed: number }>('POST', `${F}/reminders/propose`, { token, body: { date } })).body;

describe('payment terms and instalments', () => {
  it('refuses percents that do not sum to 100 and a due date beside a term', async () => {
    const bad = await t.request<Problem>('POST', `${F}/payment-terms`, {
      token,
      body: {
        name: 'Broken',
        instalments: [
          { percent: '50', days: 0 },
          { percent: '40', days: 30 },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'instalments', code: 'percent_sum' })]);
    const customer = (await createParty(t, token, { kind: 'customer', name: 'Term Co' })).id;
    const both = await t.request<Problem>('POST', `${F}/invoices`, {
      token,
      body: {
        partyId: customer,
        date: '2026-05-01',
        dueDate: '2026-05-31',
        paymentTermId: term.id,
        lines: [line('1', '10')],
      },
    });
    expect(both.status).toBe(422);
    expect(both.body.errors?.[0]?.path).toBe('dueDate');
  });

  it('an invoice carries its schedule; payments settle instalments oldest first; aging by instalment ties out', async () => {
    const customer = (await createParty(t, token, { kind: 'customer', name: 'Instalment Ltd' })).id;
    const invoice = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-05-01',
      paymentTermId: term.id,
      lines: [line('3', '333.33')],
    });
    expect(invoice).toMatchObject({ total: '999.99', dueDate: '2026-06-30', paymentTermId: term.id });
    const schedule = await t.request<Schedule>('GET', `${F}/invoices/${invoice.id}/instalments`, { token });
    expect(schedule.body.instalments).toEqual([
      expect.objectContaining({ seq: 1, dueDate: '2026-05-01', amount: '300.00', discountAmount: '6.00' }),
      expect.objectContaining({ seq: 2, dueDate: '2026-06-30', amount: '699.99', discountAmount: '14.00' }),
    ]);
    // Net N days keeps working: one instalment at the due date.
    const plain = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-05-01',
      lines: [line('1', '50')],
    });
    const one = await t.request<Schedule>('GET', `${F}/invoices/${plain.id}/instalments`, { token });
    expect(one.body.instalments).toEqual([
      expect.objectContaining({ seq: 1, dueDate: plain.dueDate, amount: '50.00' }),
    ]);

    const pay = await t.request('POST', `${F}/payments`, {
      token,
      body: {
        direction: 'received',
        partyId: customer,
        date: '2026-05-20',
        amount: '450.00',
        allocations: [{ documentId: invoice.id, amount: '450.00' }],
      },
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const paid = await t.request<Schedule>('GET', `${F}/invoices/${invoice.id}/instalments`, { token });
    expect(paid.body.instalments.map((i) => [i.paid, i.open])).toEqual([
      ['300.00', '0.00'],
      ['150.00', '549.99'],
    ]);

    // A bill takes a term too.
    const vendor = (await createParty(t, token, { kind: 'vendor', name: 'Term Supplies' })).id;
    const bill = await issued(t, token, 'bills', {
      partyId: vendor,
      date: '2026-05-01',
      paymentTermId: term.id,
      lines: [line('1', '100', { accountId: accounts['6400']!.id })],
    });
    const billSchedule = await t.request<Schedule>('GET', `${F}/bills/${bill.id}/instalments`, { token });
    expect(billSchedule.body.instalments.map((i) => i.amount)).toEqual(['30.00', '70.00']);

    // Aging by instalment on 2026-07-15: 549.99 is 15 days past due, the plain invoice's 50.00 31–60.
    const aging = await t.request<{
      items: { documentId: string; seq: number; open: string; bucket: string }[];
      totals: Record<string, string>;
    }>('GET', `${F}/reports/aging/instalments?side=receivables&date=2026-07-15`, { token });
    expect(aging.status).toBe(200);
    const mine = aging.body.items.filter((i) => i.documentId === invoice.id || i.documentId === plain.id);
    expect(mine.map((i) => [i.documentId === invoice.id ? 'inv' : 'plain', i.seq, i.open, i.bucket]).sort()).toEqual([
      ['inv', 2, '549.99', '1-30'],
      ['plain', 1, '50.00', '31-60'],
    ]);
    // Before the payment, both instalments of the invoice are open (the first one past due).
    const early = await t.request<{ items: { documentId: string; seq: number; open: string; bucket: string }[] }>(
      'GET',
      `${F}/reports/aging/instalments?date=2026-05-10`,
      { token },
    );
    expect(early.body.items.filter((i) => i.documentId === invoice.id).map((i) => [i.seq, i.open, i.bucket])).toEqual([
      [1, '300.00', '1-30'],
      [2, '699.99', 'current'],
    ]);
    // The totals equal the receivables aging (no credits or unallocated payments here) and the ledger.
    const whole = await t.request<{ totals: Record<string, string> }>(
      'GET',
      `${F}/reports/aging?side=receivables&date=2026-07-15`,
      {
        token,
      },
    );
    expect(aging.body.totals).toEqual(whole.body.totals);
    expect((await trialBalance(t, token)).balanced).toBe(true);
  });
});

describe('reminders (dunning)', () => {
  it('proposes one reminder per invoice and level, supersedes unsent lower levels, sends with a fee invoice', async () => {
    const levels = [
      {
        level: 1,
        name: 'Friendly',
        delayDays: 7,
        subject: 'Reminder: {{documentNumber}}',
        body: 'Dear {{partyName}}, {{amountDue}} {{currency}} is {{daysOverdue}} days overdue.',
      },
      {
        level: 2,
        name: 'Second',
        delayDays: 30,
        subject: 'Second reminder: {{documentNumber}} ({{fee}} fee)',
        body: 'Please pay {{amountDue}} {{currency}} now.',
        fee: '5.00',
        feeAccountId: accounts['4900']!.id,
      },
    ];
    for (const body of levels) {
      const res = await t.request('POST', `${F}/dunning-levels`, { token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const badText = await t.request<Problem>('POST', `${F}/dunning-levels`, {
      token,
      body: { level: 3, name: 'x', delayDays: 60, subject: '{{nope}}', body: 'x' },
    });
    expect(badText.status).toBe(422);
    expect(badText.body.errors?.[0]).toMatchObject({ path: 'subject', code: 'unknown_placeholder' });

    const customer = (await createParty(t, token, { kind: 'customer', name: 'Late Payer', email: 'ap@late.example' }))
      .id;
    const invoice = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-03-01',
      dueDate: '2026-03-31',
      lines: [line('1', '200')],
    });
    expect((await propose('2026-04-05')).proposed).toBeGreaterThanOrEqual(0);
    expect(await reminders(invoice.id)).toEqual([]); // 5 days overdue: no level yet
    await propose('2026-04-10');
    expect(await reminders(invoice.id)).toEqual([
      expect.objectContaining({ level: 1, status: 'proposed', daysOverdue: 10 }),
    ]);
    await propose('2026-04-10');
    await propose('2026-04-12');
    expect(await reminders(invoice.id)).toHaveLength(1); // once per level
    await propose('2026-05-05');
    const both = await reminders(invoice.id);
    expect(both.map((r) => [r.level, r.status]).sort()).toEqual([
      [1, 'superseded'],
      [2, 'proposed'],
    ]);
    const second = both.find((r) => r.level === 2)!;
    const sent = await t.request<Reminder>('POST', `${F}/reminders/${second.id}/send`, { token });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ status: 'sent', sendId: expect.any(String), feeDocumentId: expect.any(String) });
    const fee = await t.request<DocBody>('GET', `${F}/invoices/${sent.body.feeDocumentId}`, { token });
    expect(fee.body).toMatchObject({ status: 'issued', total: '5.00' });
    expect(fee.body.lines[0]!.accountId).toBe(accounts['4900']!.id);
    const log = await t.db
      .selectFrom('finance.document_sends')
      .selectAll()
      .where('id', '=', sent.body.sendId!)
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({ document_id: invoice.id, subject: `Second reminder: ${invoice.number} (5.00 fee)` });
    expect(log.recipients).toEqual({ to: ['ap@late.example'], cc: [] });
    const again = await t.request<Problem>('POST', `${F}/reminders/${second.id}/send`, { token });
    expect(again.status).toBe(409);
    // The fee invoice is not reminded of until it is overdue itself; the paid-up invoice is not either.
    await propose('2026-06-30');
    expect(await reminders(invoice.id)).toHaveLength(2);
  });
});

describe('automatic reminders and the period lock', () => {
  it('a level set to send itself sends as the system; a fee in a closed period is refused and stays proposed', async () => {
    const level = await t.request('POST', `${F}/dunning-levels`, {
      token,
      body: {
        level: 3,
        name: 'Final',
        delayDays: 60,
        subject: 'Final notice: {{documentNumber}}',
        body: 'Pay {{amountDue}} {{currency}}.',
        fee: '2.00',
        feeAccountId: accounts['4900']!.id,
        autoSend: true,
      },
    });
    expect(level.status, JSON.stringify(level.body)).toBe(201);
    const customer = (
      await createParty(t, token, { kind: 'customer', name: 'Very Late', email: 'ap@very-late.example' })
    ).id;
    const invoice = await issued(t, token, 'invoices', {
      partyId: customer,
      date: '2026-01-01',
      dueDate: '2026-01-31',
      lines: [line('1', '80')],
    });
    // Today's period closed: the fee cannot be invoiced, so the automatic send is refused.
    const now = new Date().toISOString().slice(0, 10);
    const year = Number(now.slice(0, 4));
    await t.request('POST', `${F}/fiscal-years/${year}/open`, { token });
    const years = await t.request<{ items: { year: number; periods: { id: string; period: number }[] }[] }>(
      'GET',
      `${F}/fiscal-years`,
      { token },
    );
    const current = years.body.items
      .find((y) => y.year === year)!
      .periods.find((p) => p.period === Number(now.slice(5, 7)))!;
    expect((await t.request('POST', `${F}/periods/${current.id}/close`, { token })).status).toBe(200);
    const refused = await t.request<{ failed: number }>('POST', `${F}/reminders/propose`, {
      token,
      body: { date: '2026-04-15' },
    });
    expect(refused.body.failed).toBeGreaterThanOrEqual(1);
    const [proposed] = await reminders(invoice.id);
    expect(proposed).toMatchObject({ level: 3, status: 'proposed', feeDocumentId: null });
    const manual = await t.request<Problem>('POST', `${F}/reminders/${proposed!.id}/send`, { token });
    expect(manual.status).toBe(422);
    expect(manual.body.code ?? JSON.stringify(manual.body)).toMatch(/period-closed/);
    expect(await reminders(invoice.id)).toEqual([expect.objectContaining({ status: 'proposed' })]);
    expect((await t.request('POST', `${F}/periods/${current.id}/reopen`, { token })).status).toBe(200);

    // Another customer, period open: proposed and sent at once by the job, with no person as the sender.
    const other = (await createParty(t, token, { kind: 'customer', name: 'Also Late', email: 'ap@also-late.example' }))
      .id;
    const second = await issued(t, token, 'invoices', {
      partyId: other,
      date: '2026-01-01',
      dueDate: '2026-01-31',
      lines: [line('1', '40')],
    });
    // As the daily job does it: no person.
    const auto = await proposeReminders(t.db, { actor: null, requestId: 'test-job' }, '2026-04-15');
    expect(auto.sent).toBeGreaterThanOrEqual(1);
    const [sent] = await reminders(second.id);
    expect(sent).toMatchObject({ level: 3, status: 'sent', feeDocumentId: expect.any(String) });
    const log = await t.db
      .selectFrom('finance.document_sends')
      .select(['sent_by', 'subject'])
      .where('id', '=', sent!.sendId!)
      .executeTakeFirstOrThrow();
    expect(log).toEqual({ sent_by: null, subject: `Final notice: ${second.number}` });
  });
});

interface Template {
  id: string;
  nextRunDate: string | null;
  lastError: string | null;
  runs: { period: string; documentId: string }[];
}

describe('recurring invoices and bills', () => {
  it('issues each period once (run twice, and twice at the same moment), emails when asked, goes through the period lock', async () => {
    const customer = (
      await createParty(t, token, { kind: 'customer', name: 'Subscriber', email: 'billing@sub.example' })
    ).id;
    const bad = await t.request<Problem>('POST', `${F}/recurring-templates`, {
      token,
      body: {
        kind: 'invoice',
        name: 'Bad',
        frequency: 'monthly',
        dayOfMonth: 1,
        startDate: '2026-01-01',
        document: { partyId: customer, lines: [line('1', '10', { accountId: accounts['6400']!.id })] },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.path).toBe('document.lines.0.accountId');

    const created = await t.request<Template>('POST', `${F}/recurring-templates`, {
      token,
      body: {
        kind: 'invoice',
        name: 'Monthly subscription',
        frequency: 'monthly',
        dayOfMonth: 31,
        startDate: '2026-01-15',
        endDate: '2026-03-31',
        emailOnIssue: true,
        document: { partyId: customer, paymentTermId: term.id, lines: [line('1', '99.00')] },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.nextRunDate).toBe('2026-01-31');
    const run = async (date: string) =>
      (await t.request<{ issued: number }>('POST', `${F}/recurring-templates/run`, { token, body: { date } })).body;
    expect((await run('2026-02-28')).issued).toBeGreaterThanOrEqual(2);
    expect((await run('2026-02-28')).issued).toBe(0);
    const together = await Promise.all([run('2026-03-31'), run('2026-03-31'), run('2026-03-31')]);
    expect(together.reduce((n, r) => n + r.issued, 0)).toBe(1);
    const template = (await t.request<Template>('GET', `${F}/recurring-templates/${created.body.id}`, { token })).body;
    expect(template.runs.map((r) => r.period)).toEqual(['2026-03', '2026-02', '2026-01']);
    expect(template.nextRunDate).toBeNull();
    const docs = await t.db
      .selectFrom('finance.documents')
      .select(['document_date', 'status', 'total', 'payment_term_id'])
      .where('party_id', '=', customer)
      .orderBy('document_date')
      .execute();
    expect(docs.map((d) => [d.document_date, d.status, d.payment_term_id])).toEqual([
      ['2026-01-31', 'issued', term.id],
      ['2026-02-28', 'issued', term.id],
      ['2026-03-31', 'issued', term.id],
    ]);
    const sends = await t.db
      .selectFrom('finance.document_sends')
      .select('id')
      .where('party_id', '=', customer)
      .execute();
    expect(sends).toHaveLength(3);

    // A period that is closed: nothing is issued, the error is kept, the next run tries again.
    const years = await t.request<{ items: { year: number; periods: { id: string; period: number }[] }[] }>(
      'GET',
      `${F}/fiscal-years`,
      {
        token,
      },
    );
    const april = years.body.items.find((y) => y.year === 2026)!.periods.find((p) => p.period === 4)!;
    expect((await t.request('POST', `${F}/periods/${april.id}/close`, { token })).status).toBe(200);
    const vendor = (await createParty(t, token, { kind: 'vendor', name: 'Landlord' })).id;
    const rent = await t.request<Template>('POST', `${F}/recurring-templates`, {
      token,
      body: {
        kind: 'bill',
        name: 'Rent',
        frequency: 'quarterly',
        dayOfMonth: 1,
        startDate: '2026-04-01',
        endDate: '2026-12-31',
        document: { partyId: vendor, lines: [line('1', '1500', { accountId: accounts['6200']!.id })] },
      },
    });
    expect(rent.status, JSON.stringify(rent.body)).toBe(201);
    const refused = await run('2026-04-30');
    expect(refused).toMatchObject({ failed: 1 });
    const stuck = (await t.request<Template>('GET', `${F}/recurring-templates/${rent.body.id}`, { token })).body;
    expect(stuck.runs).toEqual([]);
    expect(stuck.lastError).toMatch(/^2026-04: /);
    expect(
      (await t.db.selectFrom('finance.documents').select('id').where('party_id', '=', vendor).execute()).length,
    ).toBe(0);
    expect((await t.request('POST', `${F}/periods/${april.id}/reopen`, { token })).status).toBe(200);
    expect(await run('2026-04-30')).toMatchObject({ issued: 1, failed: 0 });
    const done = (await t.request<Template>('GET', `${F}/recurring-templates/${rent.body.id}`, { token })).body;
    expect(done).toMatchObject({ lastError: null, runs: [expect.objectContaining({ period: '2026-04' })] });

    // The daily job, queued twice for the same day (a schedule firing twice): one bill.
    await inTransaction(t.db, async (trx) => {
      for (let i = 0; i < 2; i++)
        await enqueueJob(trx, { type: recurringDocumentsJob, payload: { date: '2026-07-02' }, createdBy: null });
    });
    await drainJobs(t.db, workRegistry);
    const jobRuns = await t.db
      .selectFrom('finance.recurring_runs')
      .select('period')
      .where('template_id', '=', rent.body.id)
      .execute();
    expect(jobRuns.map((r) => r.period).sort()).toEqual(['2026-04', '2026-07']);
  });
});
