import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../platform/http/csv.js';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import {
  HR,
  addComponent,
  compensationRole,
  hrEmployee,
  runUntil,
  setSalary,
  type RunBody,
  type TestEmployee,
} from './payroll.test-support.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Slip {
  id: string;
  employeeId: string;
  status: string;
}

/**
 * The org:    manager ── report ── subReport        compManager (manager + hr:compensation) ── compReport
 *             other (nobody's report)
 * plus hrAdmin (hr-admin), and an auditor without hr:read.
 */
let t: TestApp;
let hrAdmin: TestEmployee;
let manager: TestEmployee;
let report: TestEmployee;
let subReport: TestEmployee;
let compManager: TestEmployee;
let compReport: TestEmployee;
let other: TestEmployee;
let auditor: { token: string };
let october: RunBody;
let november: RunBody;
/** employee id → [approved October payslip id, draft November payslip id] */
const slipsOf = new Map<string, { approved: string; draft: string }>();

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.userWithRoles(['admin']);
  const comp = await compensationRole(t, admin.token);
  hrAdmin = await hrEmployee(t, { roles: ['hr-admin'] });
  manager = await hrEmployee(t, { roles: ['manager'] });
  report = await hrEmployee(t, { roles: ['employee'], managerId: manager.id });
  subReport = await hrEmployee(t, { roles: ['employee'], managerId: report.id });
  compManager = await hrEmployee(t, { roles: ['manager', comp] });
  compReport = await hrEmployee(t, { roles: ['employee'], managerId: compManager.id });
  other = await hrEmployee(t, { roles: ['employee'] });
  auditor = await t.userWithRoles(['auditor']);
  for (const e of [hrAdmin, manager, report, subReport, compManager, compReport, other]) {
    await setSalary(t, hrAdmin.token, e.id, { effectiveDate: '2025-01-01', baseSalary: '48000.00' });
    await addComponent(t, hrAdmin.token, e.id, { kind: 'deduction', name: 'Tax', rate: '15', startDate: '2025-01-01' });
  }
  const approvedRun = await runUntil(t, hrAdmin.token, { periodStart: '2026-10-01', periodEnd: '2026-10-31' });
  const res = await t.request<RunBody>('POST', `${HR}/payroll/runs/${approvedRun.id}/approve`, {
    token: hrAdmin.token,
    body: { version: approvedRun.version },
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  october = res.body;
  november = await runUntil(t, hrAdmin.token, { periodStart: '2026-11-01', periodEnd: '2026-11-30' }, 'calculated');
  const all = await t.db.selectFrom('hr.payslips').select(['id', 'employee_id', 'status']).execute();
  for (const s of all) {
    const entry = slipsOf.get(s.employee_id) ?? { approved: '', draft: '' };
    entry[s.status === 'approved' ? 'approved' : 'draft'] = s.id;
    slipsOf.set(s.employee_id, entry);
  }
});
afterAll(() => t.close());

const get = <T = Record<string, unknown>>(path: string, token: string) => t.request<T>('GET', path, { token });
const status = async (path: string, token: string) => (await get(path, token)).status;
/** Every employee-scoped endpoint that shows pay, for one employee: their statuses. */
const payStatuses = async (employeeId: string, token: string) => [
  await status(`${HR}/employees/${employeeId}/compensation`, token),
  await status(`${HR}/employees/${employeeId}/pay-components`, token),
  await status(`${HR}/employees/${employeeId}/payslips`, token),
  await status(`${HR}/employees/${employeeId}/payslips?format=csv`, token),
  await status(`${HR}/payslips/${slipsOf.get(employeeId)!.approved}`, token),
  await status(`${HR}/payslips/${slipsOf.get(employeeId)!.approved}?format=csv`, token),
];
const ALLOWED = [200, 200, 200, 200, 200, 200];
const HIDDEN = [404, 404, 404, 404, 404, 404];
const runStatuses = async (token: string) => [
  await status(`${HR}/payroll/runs`, token),
  await status(`${HR}/payroll/runs/${october.id}`, token),
  await status(`${HR}/payroll/runs/${october.id}/payslips`, token),
  await status(`${HR}/payroll/runs/${october.id}/payslips?format=csv`, token),
];

describe('who sees pay', () => {
  it('an employee sees their own salary and approved payslips only', async () => {
    expect(await payStatuses(report.id, report.token)).toEqual(ALLOWED);
    const mine = await get<Page<Slip>>(`${HR}/employees/${report.id}/payslips`, report.token);
    expect(mine.body.items.map((s) => s.status)).toEqual(['approved']);
    expect(await status(`${HR}/payslips/${slipsOf.get(report.id)!.draft}`, report.token)).toBe(404);
    for (const someone of [manager, subReport, other])
      expect(await payStatuses(someone.id, report.token)).toEqual(HIDDEN);
    expect(await runStatuses(report.token)).toEqual([403, 403, 403, 403]);
  });

  it("a manager without hr:compensation never sees a report's pay, direct or indirect", async () => {
    expect(await payStatuses(manager.id, manager.token)).toEqual(ALLOWED);
    for (const someone of [report, subReport, other])
      expect(await payStatuses(someone.id, manager.token)).toEqual(HIDDEN);
    expect(await runStatuses(manager.token)).toEqual([403, 403, 403, 403]);
  });

  it('a manager with hr:compensation sees their reports’ pay (drafts too), not others’, and no company totals', async () => {
    expect(await payStatuses(compReport.id, compManager.token)).toEqual(ALLOWED);
    const drafts = await get<Page<Slip>>(`${HR}/employees/${compReport.id}/payslips`, compManager.token);
    expect(drafts.body.items.map((s) => s.status)).toEqual(['draft', 'approved']);
    for (const someone of [manager, report, other])
      expect(await payStatuses(someone.id, compManager.token)).toEqual(HIDDEN);

    expect(await runStatuses(compManager.token)).toEqual([200, 200, 200, 200]);
    const run = await get<RunBody>(`${HR}/payroll/runs/${november.id}`, compManager.token);
    expect(run.body.totals).toBeNull();
    expect(run.body.excluded).toBeUndefined();
    const page = await get<Page<Slip>>(`${HR}/payroll/runs/${october.id}/payslips`, compManager.token);
    expect(page.body.items.map((s) => s.employeeId).sort()).toEqual([compManager.id, compReport.id].sort());
    const csv = await get<string>(`${HR}/payroll/runs/${october.id}/payslips?format=csv`, compManager.token);
    expect(
      parseCsv(csv.body)
        .map((r) => r[0])
        .slice(1)
        .sort(),
    ).toEqual([compManager.employeeNumber, compReport.employeeNumber].sort());
  });

  it('hr-admin sees everyone, company totals and drafts', async () => {
    for (const someone of [manager, report, subReport, compReport, other])
      expect(await payStatuses(someone.id, hrAdmin.token)).toEqual(ALLOWED);
    expect(await runStatuses(hrAdmin.token)).toEqual([200, 200, 200, 200]);
    const run = await get<RunBody>(`${HR}/payroll/runs/${october.id}`, hrAdmin.token);
    expect(run.body.totals).toMatchObject({ employees: 7, gross: '28000.00', deductions: '4200.00', net: '23800.00' });
    const page = await get<Page<Slip>>(`${HR}/payroll/runs/${november.id}/payslips`, hrAdmin.token);
    expect(page.body.items).toHaveLength(7);
  });

  it('without hr:read: 403 everywhere; without a token: 401', async () => {
    expect(await payStatuses(report.id, auditor.token)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await runStatuses(auditor.token)).toEqual([403, 403, 403, 403]);
    expect((await t.request('GET', `${HR}/employees/${report.id}/compensation`)).status).toBe(401);
  });

  it('only hr:admin changes pay', async () => {
    const body = { effectiveDate: '2027-01-01', baseSalary: '1.00', currency: 'USD', payFrequency: 'monthly' };
    for (const who of [report, manager, compManager]) {
      expect(
        (await t.request('POST', `${HR}/employees/${who.id}/compensation`, { token: who.token, body })).status,
      ).toBe(403);
      expect(
        (
          await t.request('POST', `${HR}/payroll/runs`, {
            token: who.token,
            body: { periodStart: '2027-01-01', periodEnd: '2027-01-31', payDate: '2027-01-31', currency: 'USD' },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.request('POST', `${HR}/payroll/runs/${november.id}/calculate`, {
            token: who.token,
            body: { version: 1 },
          })
        ).status,
      ).toBe(403);
    }
  });
});
