import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

/** A form control by its label, ignoring the required marker ("Name *"). */
const field = (page: Page | Locator, label: string) => page.getByLabel(new RegExp(`^${label}( \\*)?$`));

interface Balance {
  leaveType: { code: string };
  taken: string;
  pending: string;
  available: string;
}

/** Monday and Tuesday of next week (a later week if they would straddle New Year). */
function nextWorkingPair(): { start: string; end: string } {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  for (;;) {
    const start = d.toISOString().slice(0, 10);
    const tue = new Date(d);
    tue.setUTCDate(tue.getUTCDate() + 1);
    const end = tue.toISOString().slice(0, 10);
    if (start.slice(0, 4) === end.slice(0, 4)) return { start, end };
    d.setUTCDate(d.getUTCDate() + 7);
  }
}

describe.skipIf(chromiumMissing)('hr', { timeout: 90_000 }, () => {
  let e2e: E2E;
  let departmentId: string;
  let manager: { id: string; email: string; password: string; employeeId: string };
  let worker: { id: string; email: string; password: string };
  let workerEmployeeId: string;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    e2e = await startE2E();
    await e2e.api('POST', '/api/v1/hr/leave/types', { code: 'annual', name: 'Annual leave', yearlyAllowance: '25' });
    departmentId = (await e2e.api<{ id: string }>('POST', '/api/v1/hr/departments', { name: 'Engineering' })).id;
    const managerUser = await e2e.createUserWithRoles(['manager'], { name: 'Mona Manager' });
    const managerEmployee = await e2e.api<{ id: string }>('POST', '/api/v1/hr/employees', {
      firstName: 'Mona',
      lastName: 'Manager',
      workEmail: 'mona@e2e.test',
      startDate: `${year}-01-01`,
      departmentId,
      userId: managerUser.id,
    });
    manager = { ...managerUser, employeeId: managerEmployee.id };
    worker = await e2e.createUserWithRoles(['employee'], { name: 'Erin Employee' });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('creates an employee through the UI, with department, manager and linked user', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/hr/employees');
    await page.getByRole('link', { name: 'New employee' }).click();
    await page.getByRole('heading', { name: 'New employee', level: 1 }).waitFor();

    // Client validation first.
    await page.getByRole('button', { name: 'Create employee' }).click();
    await page.getByText('Not a valid email address.').waitFor();

    await field(page, 'First name').fill('Erin');
    await field(page, 'Last name').fill('Employee');
    await field(page, 'Work email').fill('erin@e2e.test');
    await field(page, 'Start date').fill(`${year}-01-01`);
    await field(page, 'Department').selectOption({ label: 'Engineering' });

    await page.getByLabel('Search manager').fill('Mona');
    const managerSelect = field(page, 'Manager');
    await managerSelect.locator('option', { hasText: 'Mona Manager' }).waitFor({ state: 'attached' });
    await managerSelect.selectOption({ label: 'Mona Manager' });

    await page.getByLabel('Search moms user').fill(worker.email);
    const userSelect = field(page, 'MOMS user');
    await userSelect.locator('option', { hasText: worker.email }).waitFor({ state: 'attached' });
    await userSelect.selectOption({ label: `Erin Employee <${worker.email}>` });
    await screenshot(page, 'hr-new-employee-form');

    await page.getByRole('button', { name: 'Create employee' }).click();
    await page.getByRole('heading', { name: 'Erin Employee', level: 1 }).waitFor();
    // hr-admin also holds auth:read: the profile names the linked user.
    await page.getByText(worker.email).waitFor();
    // Nobody reports to Erin: the fixed manager filter is not "a filter that matches nothing".
    const reports = page.getByRole('region', { name: 'Direct reports' }).first();
    await reports.getByText('Nothing here yet').waitFor();
    await screenshot(page, 'hr-employee-profile');

    const list = await e2e.api<{ items: { id: string; managerId: string | null; departmentName: string | null }[] }>(
      'GET',
      '/api/v1/hr/employees?q=erin',
    );
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.managerId).toBe(manager.employeeId);
    expect(list.items[0]!.departmentName).toBe('Engineering');
    workerEmployeeId = list.items[0]!.id;
    const full = await e2e.api<{ userId: string | null }>('GET', `/api/v1/hr/employees/${workerEmployeeId}`);
    expect(full.userId).toBe(worker.id);

    // The directory lists the new employee.
    await page.getByRole('link', { name: 'Directory' }).first().click();
    await page.getByRole('link', { name: 'Erin Employee' }).waitFor();
    await screenshot(page, 'hr-directory');
  });

  it('submits a leave request as the employee and approves it as the manager', async () => {
    expect(workerEmployeeId).toBeTruthy();
    const balances = () =>
      e2e
        .api<{ items: Balance[] }>('GET', `/api/v1/hr/employees/${workerEmployeeId}/leave-balances?year=${year}`)
        .then((b) => b.items.find((i) => i.leaveType.code === 'annual')!);
    const before = await balances();
    expect(Number(before.taken)).toBe(0);
    const { start, end } = nextWorkingPair();

    // The employee requests two days.
    const me = await e2e.newPage();
    await loginAs(me, worker.email, worker.password, '/hr/leave');
    await me.getByRole('heading', { name: 'My leave', level: 1 }).waitFor();
    await me.getByLabel('Type of leave').selectOption({ label: 'Annual leave' });
    await field(me, 'First day').fill(start);
    await field(me, 'Last day').fill(end);
    // The server's preview (debounced): exact working days and the balance after.
    await expect.poll(() => me.getByTestId('preview-days').textContent()).toBe('2 days');
    await expect.poll(() => me.getByTestId('preview-after').textContent()).toBe(`${Number(before.available) - 2} days`);
    await me.getByRole('button', { name: 'Submit request' }).click();
    await me.getByText('Submitted: 2 days, waiting for Mona Manager.').waitFor();
    const myRequests = me.getByRole('table', { name: 'My requests' });
    await myRequests.getByText('Waiting for approval').waitFor();
    await screenshot(me, 'hr-leave-submitted');

    // The manager approves it.
    const boss = await e2e.newPage();
    await loginAs(boss, manager.email, manager.password, '/hr/leave-approvals');
    const approvals = boss.getByRole('table', { name: 'Waiting for approval' });
    await approvals.getByRole('link', { name: 'Erin Employee' }).waitFor();
    await screenshot(boss, 'hr-leave-approvals');
    await approvals.getByRole('button', { name: `Approve Erin Employee, ${start}` }).click();
    await boss.getByText(/Approved Erin Employee/).waitFor();
    await boss.getByText('Nothing is waiting for you.').waitFor();

    // The request ends approved and the balance moved by the server's count of working days.
    const requests = await e2e.api<{ items: { status: string; days: string }[] }>(
      'GET',
      `/api/v1/hr/leave/requests?employeeId=${workerEmployeeId}`,
    );
    expect(requests.items.map((r) => r.status)).toEqual(['approved']);
    const after = await balances();
    expect(Number(after.taken)).toBe(Number(requests.items[0]!.days));
    expect(Number(after.taken)).toBe(2);
    expect(Number(after.available)).toBe(Number(before.available) - 2);

    // The manager sees it on the team calendar; the employee sees it approved.
    await boss.goto('/hr/team-calendar');
    await boss.getByRole('rowheader', { name: 'Erin Employee' }).waitFor();
    await screenshot(boss, 'hr-team-calendar');
    await me.reload();
    await myRequests.getByText('Approved').waitFor();
    await me
      .getByText(`${Number(after.available)} days`)
      .first()
      .waitFor();
    await screenshot(me, 'hr-leave-approved');
  });

  it('shows the org chart and runs payroll through calculate, review and approve', async () => {
    expect(workerEmployeeId).toBeTruthy();
    for (const [id, salary] of [
      [manager.employeeId, '72000.00'],
      [workerEmployeeId, '48000.00'],
    ] as const)
      await e2e.api('POST', `/api/v1/hr/employees/${id}/compensation`, {
        effectiveDate: `${year}-01-01`,
        baseSalary: salary,
        currency: 'USD', // the e2e ledger's base currency
        payFrequency: 'monthly',
      });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/hr/org-chart/${manager.employeeId}`);
    const tree = page.getByRole('tree', { name: 'Org chart' });
    await tree.getByRole('treeitem', { name: /^Mona Manager/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate<string | null | undefined>("document.activeElement?.getAttribute('aria-label')"))
      .toMatch(/^Erin Employee/);
    await screenshot(page, 'hr-org-chart');

    await page.goto('/hr/payroll');
    await page.getByRole('button', { name: 'New run' }).click();
    const dialog = page.getByRole('dialog', { name: 'New payroll run' });
    // The form starts in Finance's base currency (USD in the e2e ledger).
    await expect.poll(() => dialog.getByLabel(/^Currency/).inputValue()).toBe('USD');
    await dialog.getByRole('button', { name: 'Create draft run' }).click();
    await page.getByRole('heading', { name: /^Payroll /, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Calculate' }).click();
    await page.getByText('Payslips calculated.').waitFor();
    await page
      .getByRole('table', { name: 'Payslips of the run' })
      .getByRole('link', { name: 'Erin Employee' })
      .waitFor();
    await page.getByRole('button', { name: 'Mark as reviewed' }).click();
    await page.getByText('Marked as reviewed.').waitFor();
    await page.getByRole('button', { name: 'Approve and post…' }).click();
    await page
      .getByRole('dialog', { name: 'Approve this payroll run?' })
      .getByRole('button', { name: 'Approve and post' })
      .click();
    await page
      .getByText('Approved and posted to Finance.')
      .waitFor()
      .catch(async (e: unknown) => {
        await screenshot(page, 'hr-payroll-approve-failed');
        throw e;
      });
    await page.getByRole('link', { name: /^Entry / }).waitFor();
    await screenshot(page, 'hr-payroll-run-approved');
  });

  it('adds a salary and pay components through the UI; the employee then opens their approved payslip', async () => {
    // Paid twice a month, so this run does not overlap the monthly run of the test above.
    const payee = await e2e.createUserWithRoles(['employee'], { name: 'Paula Payee' });
    const employee = await e2e.api<{ id: string }>('POST', '/api/v1/hr/employees', {
      firstName: 'Paula',
      lastName: 'Payee',
      workEmail: 'paula@e2e.test',
      startDate: `${year}-01-01`,
      userId: payee.id,
    });

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/hr/employees/${employee.id}`);
    await page.getByText('No salary on file.').waitFor();
    await page.getByRole('button', { name: 'Add salary change' }).click();
    const salary = page.getByRole('dialog', { name: 'Salary change for Paula Payee' });
    await expect.poll(() => salary.getByLabel(/^Currency/).inputValue()).toBe('USD'); // Finance's base currency
    await field(salary, 'Effective from').fill(`${year}-01-01`);
    await field(salary, 'Annual base salary').fill('48k');
    await salary.getByRole('button', { name: 'Save salary' }).click();
    await salary.getByText('A number like 52000 or 52000.50 (at most 2 decimals).').waitFor();
    await field(salary, 'Annual base salary').fill('48000');
    await field(salary, 'Pay frequency').selectOption({ label: 'Twice a month' });
    await field(salary, 'Reason').fill('Hired');
    await salary.getByRole('button', { name: 'Save salary' }).click();
    await page.getByText('Salary of Paula Payee saved.').waitFor();
    await page.getByRole('region', { name: 'Compensation' }).getByText('Twice a month').waitFor();

    // A 10 % pension deduction, and an allowance added then removed (after confirming).
    const components = page.getByRole('region', { name: 'Allowances and deductions' });
    const addComponent = async (kind: string, name: string, mode: string, value: string) => {
      await page.getByRole('button', { name: 'Add allowance or deduction' }).click();
      const dialog = page.getByRole('dialog', { name: 'New allowance or deduction' });
      await dialog.getByLabel('Kind').selectOption({ label: kind });
      await field(dialog, 'Name').fill(name);
      await dialog.getByLabel('Amount per pay period').selectOption({ label: mode });
      await field(dialog, mode === 'A fixed amount' ? 'Fixed amount' : 'Percentage').fill(value);
      await field(dialog, 'From').fill(`${year}-01-01`);
      await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByText(`Added ${name}.`).waitFor();
    };
    await addComponent('Deduction (comes off net pay)', 'Pension', 'A percentage of base pay', '10');
    await addComponent('Allowance (adds to gross pay)', 'Transport', 'A fixed amount', '100');
    await components.getByRole('cell', { name: 'Transport', exact: true }).waitFor();
    await screenshot(page, 'hr-compensation-ui');
    await components.getByRole('button', { name: 'Remove Transport' }).click();
    await page.getByRole('dialog', { name: 'Remove “Transport”?' }).getByRole('button', { name: 'Remove' }).click();
    await page.getByText('Removed Transport.').waitFor();
    await components.getByRole('cell', { name: 'Transport', exact: true }).waitFor({ state: 'detached' });
    await components.getByRole('cell', { name: 'Pension', exact: true }).waitFor();

    // Payroll for the first half of this month, approved through the API.
    const month = new Date().toISOString().slice(0, 7);
    type Run = { id: string; version: number };
    let run = await e2e.api<Run>('POST', '/api/v1/hr/payroll/runs', {
      periodStart: `${month}-01`,
      periodEnd: `${month}-15`,
      payDate: `${month}-15`,
      currency: 'USD',
      payFrequency: 'semi_monthly',
    });
    for (const step of ['calculate', 'review', 'approve'])
      run = await e2e.api<Run>('POST', `/api/v1/hr/payroll/runs/${run.id}/${step}`, { version: run.version });
    const slips = await e2e.api<{ items: { employeeId: string; net: string; status: string }[] }>(
      'GET',
      `/api/v1/hr/payroll/runs/${run.id}/payslips`,
    );
    // 48,000 / 24 = 2,000.00 gross; 10 % pension off: 1,800.00 net.
    expect(slips.items).toEqual([
      expect.objectContaining({ employeeId: employee.id, net: '1800.00', status: 'approved' }),
    ]);

    // The employee signs in and opens their payslip.
    const me = await e2e.newPage();
    await loginAs(me, payee.email, payee.password, '/hr/payslips');
    await me.getByRole('heading', { name: 'My payslips', level: 1 }).waitFor();
    const mine = me.getByRole('table', { name: 'Payslips' });
    await mine.getByText(/1,800\.00/).waitFor();
    await screenshot(me, 'hr-my-payslips');
    await mine.getByRole('link').first().click();
    await me.getByRole('table', { name: 'Payslip lines' }).getByText('Pension').waitFor();
    await me
      .getByRole('region', { name: 'Summary' })
      .getByText(/1,800\.00/)
      .waitFor();
    await screenshot(me, 'hr-my-payslip');
  });
  it('a request whose manager has no account goes to the next manager up, who approves it from the inbox', async () => {
    // Tom leads a team but has no user account (as in the demo); he reports to Mona.
    const tom = await e2e.api<{ id: string }>('POST', '/api/v1/hr/employees', {
      firstName: 'Tom',
      lastName: 'Lead',
      workEmail: 'tom@e2e.test',
      startDate: `${year}-01-01`,
      departmentId,
      managerId: manager.employeeId,
    });
    const fredUser = await e2e.createUserWithRoles(['employee'], { name: 'Fred Field' });
    await e2e.api('POST', '/api/v1/hr/employees', {
      firstName: 'Fred',
      lastName: 'Field',
      workEmail: 'fred@e2e.test',
      startDate: `${year}-01-01`,
      departmentId,
      managerId: tom.id,
      userId: fredUser.id,
    });
    const { start, end } = nextWorkingPair();

    const fred = await e2e.newPage();
    await loginAs(fred, fredUser.email, fredUser.password, '/hr/leave');
    await fred.getByLabel('Type of leave').selectOption({ label: 'Annual leave' });
    await field(fred, 'First day').fill(start);
    await field(fred, 'Last day').fill(end);
    await expect.poll(() => fred.getByTestId('preview-days').textContent()).toBe('2 days');
    await fred.getByRole('button', { name: 'Submit request' }).click();
    // Not "waiting for your manager" (who cannot act): the approver is named.
    await fred.getByText('Submitted: 2 days, waiting for Mona Manager.').waitFor();
    await fred.getByRole('table', { name: 'My requests' }).getByText('waiting for Mona Manager').waitFor();

    const mona = await e2e.newPage();
    await loginAs(mona, manager.email, manager.password, '/');
    // Mona is told in the app: the bell shows unread news, and the notification leads to her approvals.
    await mona.getByTestId('notifications-unread').waitFor();
    await mona.getByRole('button', { name: /Notifications \(\d+ unread\)/ }).click();
    const panel = mona.getByRole('region', { name: 'Notifications' });
    await screenshot(mona, 'notifications-panel');
    await panel.getByRole('link', { name: 'Fred Field asks for Annual leave' }).click();
    await mona.waitForURL(/\/hr\/leave-approvals$/);
    const approvals = mona.getByRole('table', { name: 'Waiting for approval' });
    await approvals.getByRole('link', { name: 'Fred Field' }).waitFor();
    await screenshot(mona, 'hr-leave-approvals-up-the-line');
    await approvals.getByRole('button', { name: `Approve Fred Field, ${start}` }).click();
    await mona.getByText(/Approved Fred Field/).waitFor();

    await fred.reload();
    await fred.getByRole('table', { name: 'My requests' }).getByText('Approved').waitFor();
  });
});
