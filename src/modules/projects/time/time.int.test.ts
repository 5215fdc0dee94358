import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { onPostgres } from '../../../../test/harness/test-db.js';
import {
  P,
  createProject,
  createTask,
  expectStatus,
  projectPeople,
  type ProjectPeople,
} from '../projects.test-support.js';

let t: TestApp;
let u: ProjectPeople;
let client: string;
beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  u = await projectPeople(t);
  client = expectStatus(
    await t.request<{ id: string }>('POST', '/api/v1/finance/parties', {
      token: u.admin.token,
      body: { kind: 'customer', name: 'Client Ltd' },
    }),
    201,
  ).id;
});
afterAll(() => t.close());

interface Entry {
  id: string;
  version: number;
  costRate: string | null;
  billingRate: string | null;
  invoiced: boolean;
}
interface Sheet {
  id: string;
  version: number;
  status: string;
  totalHours: string;
}

/** A T&M project with the member on a rate card (cost 60, billing 150) and the manager on HR's salary cost. */
async function tmProject() {
  const p = await createProject(t, u.pm.token, {
    billingMethod: 'time_and_materials',
    clientPartyId: client,
    defaultBillingRate: '100',
    budgetHours: '100',
    budgetAmount: '5000',
    members: [{ userId: u.member.id, role: 'member', costRate: '60', billingRate: '150' }],
  });
  const currency = expectStatus(
    await t.request<{ currency: string }>('GET', `${P}/projects/${p.id}`, { token: u.pm.token }),
    200,
  ).currency;
  return { ...p, currency };
}

const log = (token: string, body: Record<string, unknown>) =>
  t.request<Entry & { type?: string }>('POST', `${P}/time-entries`, { token, body: { hours: '1', ...body } });
const submit = (token: string, projectId: string, weekStart: string) =>
  t.request<Sheet>('POST', `${P}/timesheets/submit`, { token, body: { projectId, weekStart } });
const decide = (token: string, sheet: { id: string; version: number }, what: 'approve' | 'reject', comment?: string) =>
  t.request<Sheet & { type?: string }>('POST', `${P}/timesheets/${sheet.id}/${what}`, {
    token,
    body: { version: sheet.version, ...(comment ? { comment } : {}) },
  });

async function giveSalary(userId: string, annual: string, currency: string) {
  const { rows } = await sql<{
    id: string;
  }>`insert into hr.employees (first_name, last_name, work_email, start_date, user_id)
    values ('Pat', 'Manager', ${`pm-${userId.slice(0, 8)}@example.com`}, '2020-01-01', ${userId}) returning id`.execute(
    t.db,
  );
  await sql`insert into hr.compensations (employee_id, effective_date, base_salary, currency, pay_frequency)
    values (${rows[0]!.id}, '2020-01-01', ${annual}, ${currency}, 'monthly')`.execute(t.db);
}

describe('time, timesheets and invoicing', () => {
  it('values time at the rate card or HR cost; a submitted or approved week is locked; the manager approves, not oneself', async () => {
    const p = await tmProject();
    await giveSalary(u.pm.id, '104000', p.currency);
    const task = await createTask(t, u.pm.token, p.id, { title: 'Work' });
    const mine = expectStatus(await log(u.member.token, { taskId: task.id, date: '2027-01-04', hours: '8' }), 201);
    expect(mine).toMatchObject({ costRate: '60.0000', billingRate: '150.0000', invoiced: false });
    expectStatus(await log(u.member.token, { projectId: p.id, date: '2027-01-05', hours: '4' }), 201);
    const pmEntry = expectStatus(await log(u.pm.token, { taskId: task.id, date: '2027-01-06', hours: '2' }), 201);
    // 104,000 a year / 2,080 hours; billing at the project's default rate.
    expect(pmEntry).toMatchObject({ costRate: '50.0000', billingRate: '100.0000' });
    expect((await log(u.other.token, { projectId: p.id, date: '2027-01-04' })).status).toBe(422);

    const sheet = expectStatus(await submit(u.member.token, p.id, '2027-01-04'), 200);
    expect(sheet).toMatchObject({ status: 'submitted', totalHours: '12.00' });
    const locked = await log(u.member.token, { projectId: p.id, date: '2027-01-08' });
    expect(locked.status).toBe(409);
    expect(locked.body.type).toMatch(/timesheet-locked$/);
    expect(
      (
        await t.request('PATCH', `${P}/time-entries/${mine.id}`, {
          token: u.member.token,
          body: { version: 1, hours: '9' },
        })
      ).status,
    ).toBe(409);
    expect(
      (await t.request('DELETE', `${P}/time-entries/${mine.id}?version=1`, { token: u.member.token })).status,
    ).toBe(409);
    // The next week is open.
    expectStatus(await log(u.member.token, { projectId: p.id, date: '2027-01-11' }), 201);

    expect((await decide(u.member.token, sheet, 'approve')).status).toBe(403);
    const toApprove = expectStatus(
      await t.request<{ items: { id: string; canApprove: boolean }[] }>('GET', `${P}/timesheets?toApprove=true`, {
        token: u.pm.token,
      }),
      200,
    );
    expect(toApprove.items.find((s) => s.id === sheet.id)?.canApprove).toBe(true);
    const approved = expectStatus(await decide(u.pm.token, sheet, 'approve'), 200);
    expect(approved.status).toBe('approved');
    expect((await log(u.member.token, { projectId: p.id, date: '2027-01-07' })).status).toBe(409);
    const event = await t.db
      .selectFrom('platform.outbox')
      .select('payload')
      .where('event_type', '=', 'projects.timesheet.approved')
      .execute();
    expect(event.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ timesheetId: sheet.id, userId: u.member.id, hours: '12.00' }),
    );

    // The manager's own week needs someone else (an administrator).
    const own = expectStatus(await submit(u.pm.token, p.id, '2027-01-04'), 200);
    expect((await decide(u.pm.token, own, 'approve')).status).toBe(403);
    expectStatus(await decide(u.admin.token, own, 'approve'), 200);

    // Rejecting needs a reason and reopens the week.
    const next = expectStatus(await submit(u.member.token, p.id, '2027-01-11'), 200);
    expect((await decide(u.pm.token, next, 'reject')).status).toBe(422);
    expect(expectStatus(await decide(u.pm.token, next, 'reject', 'Missing Friday'), 200).status).toBe('rejected');
    expectStatus(await log(u.member.token, { projectId: p.id, date: '2027-01-15' }), 201);
  });

  it('invoices an approved period once, as a draft invoice in Finance with the right amount; budget vs actual per phase', async () => {
    const p = await tmProject();
    const phase = await createTask(t, u.pm.token, p.id, { type: 'phase', title: 'Build' });
    const task = await createTask(t, u.pm.token, p.id, { parentId: phase.id, estimateHours: '40' });
    expectStatus(await log(u.member.token, { taskId: task.id, date: '2027-02-01', hours: '7.5' }), 201);
    expectStatus(await log(u.member.token, { projectId: p.id, date: '2027-02-02', hours: '2', billable: false }), 201);
    expectStatus(await log(u.member.token, { taskId: task.id, date: '2027-02-08', hours: '3' }), 201); // not approved
    const sheet = expectStatus(await submit(u.member.token, p.id, '2027-02-01'), 200);
    expectStatus(await decide(u.pm.token, sheet, 'approve'), 200);
    const invoice = (token = u.pm.token) =>
      t.request<{ documentId: string; amount: string; hours: string; entries: number; type?: string }>(
        'POST',
        `${P}/projects/${p.id}/invoices`,
        { token, body: { from: '2027-02-01', to: '2027-02-28', date: '2027-03-01' } },
      );
    expect((await invoice(u.member.token)).status).toBe(403);
    const made = expectStatus(await invoice(), 201);
    expect(made).toMatchObject({ amount: '1125.00', hours: '7.50', entries: 1 });
    const doc = expectStatus(
      await t.request<{ status: string; total: string; partyId: string }>(
        'GET',
        `/api/v1/finance/invoices/${made.documentId}`,
        { token: u.admin.token },
      ),
      200,
    );
    expect(doc).toMatchObject({ status: 'draft', total: '1125.00', partyId: client });
    const again = await invoice();
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/nothing-to-invoice$/);
    const entries = expectStatus(
      await t.request<{ items: Entry[] }>('GET', `${P}/time-entries?projectId=${p.id}`, { token: u.pm.token }),
      200,
    );
    expect(entries.items.filter((e) => e.invoiced)).toHaveLength(1);

    const budget = expectStatus(
      await t.request<Record<string, unknown>>('GET', `${P}/projects/${p.id}/budget`, { token: u.pm.token }),
      200,
    );
    // 12.5 h logged of 100 budgeted; cost 12.5 × 60 = 750 of 5,000.
    expect(budget).toMatchObject({
      actualHours: '12.50',
      actualCost: '750.00',
      invoicedAmount: '1125.00',
      hoursBurnPercent: 12.5,
      costBurnPercent: 15,
      estimateHours: '40.00',
    });
    expect(budget.phases).toEqual([
      expect.objectContaining({ taskId: phase.id, estimateHours: '40.00', actualHours: '10.50', actualCost: '630.00' }),
    ]);
    expect((await t.request('GET', `${P}/projects/${p.id}/budget`, { token: u.member.token })).status).toBe(403);

    const fixed = await createProject(t, u.pm.token, {
      billingMethod: 'fixed_price',
      fixedPrice: '1000',
      clientPartyId: client,
    });
    const notTm = await t.request<{ type: string }>('POST', `${P}/projects/${fixed.id}/invoices`, {
      token: u.pm.token,
      body: { from: '2027-02-01', to: '2027-02-28' },
    });
    expect(notTm.body.type).toMatch(/not-invoiceable$/);
  });

  it.runIf(onPostgres)(
    'two approvals and two invoicings racing: one approval, one invoice, the time billed exactly once',
    async () => {
      const p = await tmProject();
      for (let round = 0; round < 3; round++) {
        const week = ['2027-05-03', '2027-05-10', '2027-05-17'][round]!;
        expectStatus(await log(u.member.token, { projectId: p.id, date: week, hours: '2' }), 201);
        const sheet = expectStatus(await submit(u.member.token, p.id, week), 200);
        const approvals = await Promise.all([
          decide(u.pm.token, sheet, 'approve'),
          decide(u.admin.token, sheet, 'approve'),
        ]);
        expect(approvals.map((r) => r.status).sort()).toEqual([200, 409]);
        const body = { from: week, to: week };
        const invoices = await Promise.all([
          t.request('POST', `${P}/projects/${p.id}/invoices`, { token: u.pm.token, body }),
          t.request('POST', `${P}/projects/${p.id}/invoices`, { token: u.admin.token, body }),
        ]);
        expect(invoices.map((r) => r.status).sort()).toEqual([201, 409]);
      }
      const { rows } = await sql<{ n: number; docs: number }>`
      select count(*)::int as n, count(distinct document_id)::int as docs from projects.invoices where project_id = ${p.id}`.execute(
        t.db,
      );
      expect(rows[0]).toEqual({ n: 3, docs: 3 });
      const drafts = await sql<{ n: number }>`select count(*)::int as n from finance.documents
      where party_id = ${client} and reference like ${`${p.code} %`}`.execute(t.db);
      expect(drafts.rows[0]!.n).toBe(3);
    },
  );
});
