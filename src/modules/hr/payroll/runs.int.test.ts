import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../platform/http/csv.js';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import {
  HR,
  addComponent,
  hrEmployee,
  runUntil,
  setSalary,
  type RunBody,
  type TestEmployee,
} from './payroll.test-support.js';

interface Slip {
  id: string;
  employeeId: string;
  basePay: string;
  totalAllowances: string;
  gross: string;
  totalDeductions: string;
  net: string;
  paidDays: number;
  periodDays: number;
  flagged: boolean;
  status: string;
  lines?: { kind: string; name: string; amount: string; rate: string | null }[];
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Problem {
  type: string;
  errors?: { path: string }[];
}

let t: TestApp;
let admin: string;
const e: Record<string, TestEmployee> = {};
beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userWithRoles(['hr-admin'])).token;
  e.full = await hrEmployee(t, { lastName: 'Full' });
  await setSalary(t, admin, e.full.id, { effectiveDate: '2025-01-01', baseSalary: '60000.00' });
  await addComponent(t, admin, e.full.id, {
    kind: 'allowance',
    name: 'Transport',
    amount: '300.00',
    startDate: '2025-01-01',
  });
  await addComponent(t, admin, e.full.id, {
    kind: 'deduction',
    name: 'Income tax',
    rate: '10',
    startDate: '2025-01-01',
  });
  e.joiner = await hrEmployee(t, { lastName: 'Joiner', startDate: '2026-11-16' });
  await setSalary(t, admin, e.joiner.id, { effectiveDate: '2026-11-16', baseSalary: '60000.00' });
  e.leaver = await hrEmployee(t, { lastName: 'Leaver', endDate: '2026-11-10' });
  await setSalary(t, admin, e.leaver.id, { effectiveDate: '2020-01-01', baseSalary: '50000.00' });
  e.euro = await hrEmployee(t, { lastName: 'Euro' });
  await setSalary(t, admin, e.euro.id, { effectiveDate: '2020-01-01', baseSalary: '48000.00', currency: 'EUR' });
  e.unpaid = await hrEmployee(t, { lastName: 'Unpaid' });
  e.gone = await hrEmployee(t, { lastName: 'Gone', endDate: '2026-10-15' });
  await setSalary(t, admin, e.gone.id, { effectiveDate: '2020-01-01', baseSalary: '99999.00' });
});
afterAll(() => t.close());

const slips = async (runId: string) => {
  const res = await t.request<Page<Slip>>('GET', `${HR}/payroll/runs/${runId}/payslips`, { token: admin });
  expect(res.status).toBe(200);
  return new Map(res.body.items.map((s) => [s.employeeId, s]));
};

describe('calculating a run', () => {
  let run: RunBody;
  it('pays a full month, pro-rates a joiner and a leaver by calendar days, applies components, and lists who is left out', async () => {
    run = await runUntil(
      t,
      admin,
      { periodStart: '2026-11-01', periodEnd: '2026-11-30', payDate: '2026-11-28' },
      'calculated',
    );
    expect(run.status).toBe('calculated');
    const byEmployee = await slips(run.id);
    expect(byEmployee.get(e.full!.id)).toMatchObject({
      basePay: '5000.00',
      totalAllowances: '300.00',
      gross: '5300.00',
      totalDeductions: '500.00',
      net: '4800.00',
      paidDays: 30,
      periodDays: 30,
      status: 'draft',
    });
    expect(byEmployee.get(e.joiner!.id)).toMatchObject({ basePay: '2500.00', net: '2500.00', paidDays: 15 });
    expect(byEmployee.get(e.leaver!.id)).toMatchObject({ basePay: '1388.89', paidDays: 10 }); // 4166.67 × 10/30
    expect(byEmployee.has(e.gone!.id)).toBe(false);
    expect(run.totals).toEqual({ employees: 3, gross: '9188.89', deductions: '500.00', net: '8688.89' });
    expect(run.excluded?.map((x) => [x.employeeId, x.reason]).sort()).toEqual(
      [
        [e.euro!.id, 'other-currency'],
        [e.unpaid!.id, 'no-compensation'],
      ].sort(),
    );

    const one = await t.request<Slip>('GET', `/api/v1/hr/payslips/${byEmployee.get(e.full!.id)!.id}`, { token: admin });
    expect(one.body.lines?.map((l) => [l.kind, l.name, l.amount, l.rate])).toEqual([
      ['base', 'Base pay', '5000.00', null],
      ['allowance', 'Transport', '300.00', null],
      ['deduction', 'Income tax', '500.00', '10'],
    ]);
  });

  it('gives a run and a payslip as CSV', async () => {
    const csv = await t.request<string>('GET', `${HR}/payroll/runs/${run.id}/payslips?format=csv`, { token: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(csv.body);
    expect(rows[0]).toEqual(expect.arrayContaining(['employee_number', 'gross', 'deductions', 'net']));
    expect(rows).toHaveLength(4);
    const full = rows.find((r) => r[0] === e.full!.employeeNumber)!;
    expect(full.slice(rows[0]!.indexOf('gross'), rows[0]!.indexOf('net') + 1)).toEqual([
      '5300.00',
      '500.00',
      '4800.00',
    ]);

    const slipId = (await slips(run.id)).get(e.full!.id)!.id;
    const one = await t.request<string>('GET', `${HR}/payslips/${slipId}?format=csv`, { token: admin });
    const lines = parseCsv(one.body);
    expect(lines.map((r) => [r[6], r.at(-1)])).toEqual([
      ['kind', 'amount'],
      ['base', '5000.00'],
      ['allowance', '300.00'],
      ['deduction', '500.00'],
      ['gross', '5300.00'],
      ['total_deductions', '500.00'],
      ['net', '4800.00'],
    ]);
  });

  it('recalculates while calculated (picking up a raise split at its date), but not once reviewed', async () => {
    await setSalary(t, admin, e.full!.id, { effectiveDate: '2026-11-16', baseSalary: '72000.00', reason: 'Promotion' });
    const again = await t.request<RunBody>('POST', `${HR}/payroll/runs/${run.id}/calculate`, {
      token: admin,
      body: { version: run.version },
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(run.version + 1);
    // 2500.00 + 3000.00 base, +300 allowance, 10% of 5500 deducted
    expect((await slips(run.id)).get(e.full!.id)).toMatchObject({
      basePay: '5500.00',
      gross: '5800.00',
      net: '5250.00',
    });
    const stale = await t.request('POST', `${HR}/payroll/runs/${run.id}/calculate`, {
      token: admin,
      body: { version: run.version },
    });
    expect(stale.status).toBe(409);
    const reviewed = await t.request<RunBody>('POST', `${HR}/payroll/runs/${run.id}/review`, {
      token: admin,
      body: { version: again.body.version, notes: 'Checked against the contracts' },
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'reviewed', reviewNotes: 'Checked against the contracts' });
    const late = await t.request<Problem>('POST', `${HR}/payroll/runs/${run.id}/calculate`, {
      token: admin,
      body: { version: reviewed.body.version },
    });
    expect(late.status).toBe(409);
    expect(late.body.type).toBe('https://moms.dev/problems/run-status');
  });
});

describe('run rules', () => {
  it('refuses an overlapping run of the same currency and frequency until the other is cancelled', async () => {
    const first = await runUntil(t, admin, { periodStart: '2027-01-01', periodEnd: '2027-01-31' }, 'draft');
    const overlap = await t.request<Problem & { existingId: string }>('POST', `${HR}/payroll/runs`, {
      token: admin,
      body: { periodStart: '2027-01-31', periodEnd: '2027-02-27', payDate: '2027-02-27', currency: 'USD' },
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body).toMatchObject({ type: 'https://moms.dev/problems/run-overlaps', existingId: first.id });
    const euro = await t.request('POST', `${HR}/payroll/runs`, {
      token: admin,
      body: { periodStart: '2027-01-01', periodEnd: '2027-01-31', payDate: '2027-01-31', currency: 'EUR' },
    });
    expect(euro.status).toBe(201);
    const weekly = await t.request('POST', `${HR}/payroll/runs`, {
      token: admin,
      body: {
        periodStart: '2027-01-04',
        periodEnd: '2027-01-10',
        payDate: '2027-01-10',
        currency: 'USD',
        payFrequency: 'weekly',
      },
    });
    expect(weekly.status).toBe(201);

    const cancelled = await t.request<RunBody & { cancelReason: string }>(
      'POST',
      `${HR}/payroll/runs/${first.id}/cancel`,
      {
        token: admin,
        body: { version: first.version, reason: 'Wrong dates' },
      },
    );
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Wrong dates' });
    const now = await t.request('POST', `${HR}/payroll/runs`, {
      token: admin,
      body: { periodStart: '2027-01-31', periodEnd: '2027-02-27', payDate: '2027-02-27', currency: 'USD' },
    });
    expect(now.status).toBe(201);
    const again = await t.request('POST', `${HR}/payroll/runs/${first.id}/cancel`, {
      token: admin,
      body: { version: cancelled.body.version },
    });
    expect(again.status).toBe(409);
  });

  it('lets only one of several simultaneous overlapping creations through', async () => {
    const results = await Promise.all(
      ['2029-05-01', '2029-05-10', '2029-05-20', '2029-05-31'].map((periodEnd) =>
        t.request<Problem>('POST', `${HR}/payroll/runs`, {
          token: admin,
          body: { periodStart: '2029-05-01', periodEnd, payDate: periodEnd, currency: 'USD' },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.type.endsWith('/run-overlaps'))).toBe(true);
  });

  it('checks dates field by field', async () => {
    const send = (body: Record<string, unknown>) =>
      t.request<Problem>('POST', `${HR}/payroll/runs`, { token: admin, body: { currency: 'USD', ...body } });
    const backwards = await send({ periodStart: '2028-01-31', periodEnd: '2028-01-01', payDate: '2028-01-31' });
    expect(backwards.body.errors?.map((x) => x.path)).toEqual(['periodEnd']);
    const long = await send({ periodStart: '2028-01-01', periodEnd: '2028-04-01', payDate: '2028-04-01' });
    expect(long.body.errors?.map((x) => x.path)).toEqual(['periodEnd']);
    const early = await send({ periodStart: '2028-01-01', periodEnd: '2028-01-31', payDate: '2027-12-31' });
    expect(early.body.errors?.map((x) => x.path)).toEqual(['payDate']);
    const junk = await send({
      periodStart: 'soon',
      periodEnd: '2028-01-31',
      payDate: '2028-01-31',
      currency: 'dollars',
      payFrequency: 'daily',
    });
    expect(junk.status).toBe(422);
    expect(junk.body.errors?.map((x) => x.path).sort()).toEqual(['currency', 'payFrequency', 'periodStart']);
    const runs = await t.db
      .selectFrom('hr.payroll_runs')
      .select('id')
      .where('period_start', '>=', '2027-12-31')
      .where('period_start', '<', '2029-01-01')
      .execute();
    expect(runs).toHaveLength(0);
  });

  it('refuses to review a run that is not calculated, pays nothing, or has a negative net (flagged)', async () => {
    const draft = await runUntil(t, admin, { periodStart: '2027-03-01', periodEnd: '2027-03-31' }, 'draft');
    const early = await t.request('POST', `${HR}/payroll/runs/${draft.id}/review`, {
      token: admin,
      body: { version: 1 },
    });
    expect(early.status).toBe(409);
    const approveEarly = await t.request('POST', `${HR}/payroll/runs/${draft.id}/approve`, {
      token: admin,
      body: { version: 1 },
    });
    expect(approveEarly.status).toBe(409);

    const empty = await runUntil(
      t,
      admin,
      { periodStart: '2027-03-01', periodEnd: '2027-03-31', currency: 'CHF' },
      'calculated',
    );
    const nothing = await t.request<Problem>('POST', `${HR}/payroll/runs/${empty.id}/review`, {
      token: admin,
      body: { version: empty.version },
    });
    expect(nothing.status).toBe(422);
    expect(nothing.body.type).toBe('https://moms.dev/problems/run-empty');

    const loan = await addComponent(t, admin, e.joiner!.id, {
      kind: 'deduction',
      name: 'Loan repayment',
      amount: '9000.00',
      startDate: '2027-03-01',
      endDate: '2027-03-31',
    });
    const calc = await t.request<RunBody>('POST', `${HR}/payroll/runs/${draft.id}/calculate`, {
      token: admin,
      body: { version: 1 },
    });
    expect((await slips(draft.id)).get(e.joiner!.id)).toMatchObject({ net: '-4000.00', flagged: true });
    const refused = await t.request<Problem & { employees: string[] }>(
      'POST',
      `${HR}/payroll/runs/${draft.id}/review`,
      {
        token: admin,
        body: { version: calc.body.version },
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      type: 'https://moms.dev/problems/negative-net',
      employees: [e.joiner!.employeeNumber],
    });

    await t.request('PATCH', `${HR}/pay-components/${loan.id}`, {
      token: admin,
      body: { version: 1, amount: '1000.00' },
    });
    const fixed = await t.request<RunBody>('POST', `${HR}/payroll/runs/${draft.id}/calculate`, {
      token: admin,
      body: { version: calc.body.version },
    });
    expect((await slips(draft.id)).get(e.joiner!.id)).toMatchObject({ net: '4000.00', flagged: false });
    const ok = await t.request('POST', `${HR}/payroll/runs/${draft.id}/review`, {
      token: admin,
      body: { version: fixed.body.version },
    });
    expect(ok.status).toBe(200);
  });

  it('lists runs with filters and cursor pagination', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${HR}/payroll/runs?currency=USD&limit=2&sort=periodStart${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.request<Page<RunBody & { periodStart: string }>>('GET', url, { token: admin });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((r) => r.periodStart));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(seen.length).toBeGreaterThanOrEqual(4);
    const cancelled = await t.request<Page<RunBody>>('GET', `${HR}/payroll/runs?status=cancelled`, { token: admin });
    expect(cancelled.body.items.every((r) => r.status === 'cancelled')).toBe(true);
    expect(cancelled.body.items.length).toBeGreaterThanOrEqual(1);
  });
});
