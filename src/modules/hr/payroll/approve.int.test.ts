import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { HR, addComponent, hrEmployee, runUntil, setSalary, type RunBody } from './payroll.test-support.js';

interface Entry {
  id: string;
  status: string;
  date: string;
  currency: string;
  exchangeRate: string;
  sourceType: string;
  sourceId: string;
  totalDebit: string;
  totalCredit: string;
  lines: { accountCode: string; debit: string; credit: string; baseDebit: string; baseCredit: string }[];
}
interface Problem {
  type: string;
  errors?: { path: string }[];
}

let t: TestApp;
let hrAdmin: string;
let finance: string;
beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  hrAdmin = (await t.userWithRoles(['hr-admin'])).token;
  finance = (await t.userWithRoles(['admin'])).token;
  const a = await hrEmployee(t);
  await setSalary(t, hrAdmin, a.id, { effectiveDate: '2025-01-01', baseSalary: '60000.00' });
  await addComponent(t, hrAdmin, a.id, { kind: 'allowance', name: 'Meals', amount: '200.00', startDate: '2025-01-01' });
  await addComponent(t, hrAdmin, a.id, { kind: 'deduction', name: 'Income tax', rate: '20', startDate: '2025-01-01' });
  await addComponent(t, hrAdmin, a.id, {
    kind: 'deduction',
    name: 'Pension',
    amount: '150.00',
    startDate: '2025-01-01',
  });
  const b = await hrEmployee(t);
  await setSalary(t, hrAdmin, b.id, { effectiveDate: '2025-01-01', baseSalary: '50000.00' });
  const c = await hrEmployee(t);
  await setSalary(t, hrAdmin, c.id, { effectiveDate: '2025-01-01', baseSalary: '36000.00', currency: 'EUR' });
});
afterAll(() => t.close());

const approve = (run: { id: string; version: number }, extra: Record<string, unknown> = {}) =>
  t.request<RunBody & Problem>('POST', `${HR}/payroll/runs/${run.id}/approve`, {
    token: hrAdmin,
    body: { version: run.version, ...extra },
  });
const entriesOf = (runId: string) =>
  t.db
    .selectFrom('finance.journal_entries')
    .select(['id', 'status'])
    .where('source_type', '=', 'payroll-run')
    .where('source_id', '=', runId)
    .execute();
const slipStatuses = async (runId: string) =>
  (await t.db.selectFrom('hr.payslips').select('status').where('run_id', '=', runId).execute()).map((s) => s.status);

describe('approving a run', () => {
  let approved: RunBody;
  it('posts one balanced journal entry to the salaries and payroll-payable accounts, and finalises the payslips', async () => {
    const run = await runUntil(t, hrAdmin, {
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      payDate: '2026-10-30',
    });
    // A: 5000 + 200 = 5200 gross; 1000 + 150 deducted. B: 4166.67. EUR employee left out.
    expect(run.totals).toEqual({ employees: 2, gross: '9366.67', deductions: '1150.00', net: '8216.67' });
    const res = await approve(run);
    expect(res.status).toBe(200);
    approved = res.body;
    expect(approved).toMatchObject({ status: 'approved', exchangeRate: '1' });
    expect(approved.journalEntryId).toEqual(expect.any(String));

    const entry = await t.request<Entry>('GET', `/api/v1/finance/journal-entries/${approved.journalEntryId}`, {
      token: finance,
    });
    expect(entry.status).toBe(200);
    expect(entry.body).toMatchObject({
      status: 'posted',
      date: '2026-10-31',
      currency: 'USD',
      sourceType: 'payroll-run',
      sourceId: run.id,
      totalDebit: '9366.67',
      totalCredit: '9366.67',
    });
    expect(entry.body.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['6100', '9366.67', '0.00'],
      ['2300', '0.00', '8216.67'],
      ['2300', '0.00', '1150.00'],
    ]);
    expect(await slipStatuses(run.id)).toEqual(['approved', 'approved']);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', run.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'payroll-run.created',
      'payroll-run.calculated',
      'payroll-run.reviewed',
      'payroll-run.approved',
    ]);
  });

  it('keeps an approved run and its payslips unchangeable, through the API and in SQL', async () => {
    for (const action of ['calculate', 'review', 'approve', 'cancel']) {
      const res = await t.request<Problem>('POST', `${HR}/payroll/runs/${approved.id}/${action}`, {
        token: hrAdmin,
        body: { version: approved.version },
      });
      expect(res.status).toBe(409);
      expect(res.body.type).toBe('https://moms.dev/problems/run-status');
    }
    const slip = await t.db
      .selectFrom('hr.payslips')
      .select('id')
      .where('run_id', '=', approved.id)
      .executeTakeFirstOrThrow();
    await expect(
      sql`update hr.payslips set net = net + 1, gross = gross + 1, base_pay = base_pay + 1 where id = ${slip.id}`.execute(
        t.db,
      ),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/approved payslip cannot be changed/),
    });
    await expect(sql`delete from hr.payslips where id = ${slip.id}`.execute(t.db)).rejects.toThrow(/approved payslip/);
    await expect(
      sql`update hr.payslip_lines set amount = 0 where payslip_id = ${slip.id}`.execute(t.db),
    ).rejects.toThrow(/approved payslip/);
    await expect(
      sql`insert into hr.payslip_lines (payslip_id, line_no, kind, name, amount) values (${slip.id}, 99, 'allowance', 'Bonus', 1)`.execute(
        t.db,
      ),
    ).rejects.toThrow(/approved payslip/);
    await expect(sql`update hr.payroll_runs set total_net = 0 where id = ${approved.id}`.execute(t.db)).rejects.toThrow(
      /approved payroll run/,
    );
  });

  it('changes nothing when Finance refuses the entry (closed period), and approves once the period reopens', async () => {
    await t.request('POST', '/api/v1/finance/fiscal-years/2026/open', { token: finance });
    const years = await t.request<{ items: { year: number; periods: { id: string; period: number }[] }[] }>(
      'GET',
      '/api/v1/finance/fiscal-years',
      { token: finance },
    );
    const september = years.body.items.find((y) => y.year === 2026)!.periods.find((p) => p.period === 9)!;
    expect((await t.request('POST', `/api/v1/finance/periods/${september.id}/close`, { token: finance })).status).toBe(
      200,
    );

    const run = await runUntil(t, hrAdmin, { periodStart: '2026-09-01', periodEnd: '2026-09-30' });
    const refused = await approve(run);
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('https://moms.dev/problems/period-closed');
    const after = await t.request<RunBody>('GET', `${HR}/payroll/runs/${run.id}`, { token: hrAdmin });
    expect(after.body).toMatchObject({ status: 'reviewed', version: run.version, journalEntryId: null });
    expect(await slipStatuses(run.id)).toEqual(['draft', 'draft']);
    expect(await entriesOf(run.id)).toEqual([]);
    const approvedAudit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', run.id)
      .where('action', '=', 'payroll-run.approved')
      .execute();
    expect(approvedAudit).toEqual([]);

    expect((await t.request('POST', `/api/v1/finance/periods/${september.id}/reopen`, { token: finance })).status).toBe(
      200,
    );
    const ok = await approve(run);
    expect(ok.status).toBe(200);
    expect(await entriesOf(run.id)).toHaveLength(1);
  });

  it('needs an exchange rate for a run in another currency than the ledger’s, and posts with it', async () => {
    const run = await runUntil(t, hrAdmin, { periodStart: '2026-10-01', periodEnd: '2026-10-31', currency: 'EUR' });
    expect(run.totals).toMatchObject({ employees: 1, gross: '3000.00' });
    const missing = await approve(run);
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ type: 'https://moms.dev/problems/exchange-rate-required' });
    expect(missing.body.errors?.map((e) => e.path)).toEqual(['exchangeRate']);
    const bad = await approve(run, { exchangeRate: '-1' });
    expect(bad.status).toBe(422);
    const ok = await approve(run, { exchangeRate: '1.1' });
    expect(ok.status).toBe(200);
    expect(ok.body.exchangeRate).toBe('1.1');
    const entry = await t.request<Entry>('GET', `/api/v1/finance/journal-entries/${ok.body.journalEntryId}`, {
      token: finance,
    });
    expect(entry.body).toMatchObject({
      currency: 'EUR',
      exchangeRate: expect.stringMatching(/^1\.10*$/),
      totalDebit: '3000.00',
    });
    expect(entry.body.lines.map((l) => [l.accountCode, l.baseDebit, l.baseCredit])).toEqual([
      ['6100', '3300.00', '0.00'],
      ['2300', '0.00', '3300.00'],
    ]);
  });

  it('posts exactly one entry when the same run is approved many times at once', async () => {
    const run = await runUntil(t, hrAdmin, { periodStart: '2026-08-01', periodEnd: '2026-08-31' });
    const results = await Promise.all(Array.from({ length: 6 }, () => approve(run)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    // The losers waited for the run's row lock and then found it approved (not a clash further on).
    const losers = results.filter((r) => r.status === 409).map((r) => r.body.type);
    expect(losers).toEqual(Array(5).fill('https://moms.dev/problems/run-status'));
    expect(await entriesOf(run.id)).toHaveLength(1);
    expect(await slipStatuses(run.id)).toEqual(['approved', 'approved']);
  });
});
