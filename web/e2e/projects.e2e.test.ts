import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

interface Task {
  id: string;
  key: string;
  statusId: string;
  startDate: string | null;
  dueDate: string | null;
  version: number;
}
interface Status {
  id: string;
  name: string;
  category: string;
}

/** Monday of this week and a date `days` after an ISO date (UTC). */
const monday = () => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};
const plus = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

describe.skipIf(chromiumMissing)('projects', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('board refuses a blocked move, the Gantt moves a bar, time is submitted, approved and invoiced', async () => {
    const week = monday();
    const client = await e2e.api<{ id: string }>('POST', '/api/v1/finance/parties', {
      kind: 'customer',
      name: 'Orbit Builders',
    });
    const member = await e2e.createUserWithRoles(['team-member'], { name: 'Tina Timekeeper' });
    const code = `P${Date.now().toString(36).toUpperCase().slice(-6)}`;
    const project = await e2e.api<{ id: string }>('POST', '/api/v1/projects/projects', {
      code,
      name: 'Launch pad',
      clientPartyId: client.id,
      status: 'active',
      billingMethod: 'time_and_materials',
      defaultBillingRate: '100.00',
      startDate: plus(week, -30),
      members: [{ userId: member.id, role: 'member', billingRate: '120.00' }],
    });
    const design = await e2e.api<Task>('POST', '/api/v1/projects/tasks', {
      projectId: project.id,
      title: 'Design the pad',
      startDate: week,
      dueDate: plus(week, 4),
      estimateHours: '16',
      assigneeIds: [member.id],
    });
    const build = await e2e.api<Task>('POST', '/api/v1/projects/tasks', {
      projectId: project.id,
      title: 'Pour the concrete',
      startDate: plus(week, 7),
      dueDate: plus(week, 11),
    });
    await e2e.api('POST', '/api/v1/projects/dependencies', { predecessorId: design.id, successorId: build.id });
    const { items: statuses } = await e2e.api<{ items: Status[] }>(
      'GET',
      `/api/v1/projects/projects/${project.id}/statuses`,
    );
    const todo = statuses.find((s) => s.category === 'todo')!;
    const doing = statuses.find((s) => s.category === 'in_progress')!;

    // The board: dragging the blocked task to "In progress" is refused, naming the blocker; it stays.
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/projects/${project.id}/board`);
    const from = page.getByRole('region', { name: todo.name, exact: true });
    const to = page.getByRole('region', { name: doing.name, exact: true });
    const buildCard = from
      .getByRole('listitem')
      .filter({ has: page.getByRole('article', { name: /Pour the concrete/ }) });
    await buildCard.waitFor();
    await buildCard.dragTo(to.getByRole('list'));
    const alert = page.getByRole('alert');
    await alert.getByText(`${build.key} cannot move to ${doing.name}: it is blocked by ${design.key}`).waitFor();
    await screenshot(page, 'projects-board-blocked');
    await from.getByRole('article', { name: /Pour the concrete/ }).waitFor();
    expect((await e2e.api<Task>('GET', `/api/v1/projects/tasks/${build.id}`)).statusId).toBe(todo.id);

    // The blocker itself moves (by drag).
    const designCard = from
      .getByRole('listitem')
      .filter({ has: page.getByRole('article', { name: /Design the pad/ }) });
    await designCard.dragTo(to.getByRole('list'));
    await to.getByRole('article', { name: /Design the pad/ }).waitFor();
    await expect
      .poll(async () => (await e2e.api<Task>('GET', `/api/v1/projects/tasks/${design.id}`)).statusId)
      .toBe(doing.id);

    // The keyboard way: the card's Move menu takes it back to "To do" (never guarded) and forward again.
    await page.getByRole('button', { name: `Move ${design.key}` }).click();
    await page.getByRole('button', { name: `Move to ${todo.name}` }).click();
    await from.getByRole('article', { name: /Design the pad/ }).waitFor();
    await expect
      .poll(async () => (await e2e.api<Task>('GET', `/api/v1/projects/tasks/${design.id}`)).statusId)
      .toBe(todo.id);
    await page.getByRole('button', { name: `Move ${design.key}` }).click();
    await page.getByRole('button', { name: `Move to ${doing.name}` }).click();
    await to.getByRole('article', { name: /Design the pad/ }).waitFor();

    // The Gantt: drag the design bar three days to the right.
    await page.goto(`/projects/${project.id}/gantt`);
    const bar = page.locator(`[data-task-id="${design.id}"]`);
    await bar.waitFor();
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 36, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + 72, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect
      .poll(async () => (await e2e.api<Task>('GET', `/api/v1/projects/tasks/${design.id}`)).startDate)
      .toBe(plus(week, 3));
    expect((await e2e.api<Task>('GET', `/api/v1/projects/tasks/${design.id}`)).dueDate).toBe(plus(week, 7));
    await page
      .getByRole('status')
      .getByText(`${design.key} now runs ${plus(week, 3)}`)
      .waitFor();
    await screenshot(page, 'projects-gantt-moved');

    // The member logs 6 hours on Monday and 2 on Tuesday, and submits the week.
    const worker = await e2e.newPage();
    await loginAs(worker, member.email, member.password, '/projects/timesheet');
    await worker.getByLabel('Project', { exact: true }).selectOption({ value: project.id });
    const monCell = worker.getByLabel(`${design.key} Mon ${week} hours`);
    await monCell.fill('6');
    await monCell.press('Tab');
    const tueCell = worker.getByLabel(`${design.key} Tue ${plus(week, 1)} hours`);
    await tueCell.fill('2');
    await tueCell.press('Tab');
    await expect.poll(() => worker.getByLabel('Week total hours').innerText()).toBe('8.00');
    await worker.getByRole('button', { name: 'Submit week' }).click();
    await worker.getByLabel('Timesheet submitted').waitFor();
    expect(await monCell.isDisabled()).toBe(true);
    await screenshot(worker, 'projects-timesheet-submitted');

    // The manager approves it.
    await page.goto('/projects/approvals');
    await page.getByRole('button', { name: `Approve Tina Timekeeper’s week of ${week}` }).click();
    await page.getByText('Nothing waits for your approval').waitFor();
    const sheets = await e2e.api<{ items: { status: string; totalHours: string }[] }>(
      'GET',
      `/api/v1/projects/timesheets?projectId=${project.id}&weekStart=${week}`,
    );
    expect(sheets.items).toEqual([expect.objectContaining({ status: 'approved', totalHours: '8.00' })]);

    // Invoicing the approved time: 8 h at the member's 120.00 = 960.00 in a Finance draft.
    await page.goto(`/projects/${project.id}`);
    await page.getByRole('button', { name: 'Invoice approved time' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Draft invoice created for 8.00 h' });
    await done.waitFor();
    await screenshot(page, 'projects-invoiced');
    await done.getByRole('link', { name: 'Open the draft invoice in Finance' }).click();
    await page.waitForURL(/\/finance\/invoices\/[0-9a-f-]{36}$/);
    const invoiceId = page.url().split('/').at(-1)!;
    const invoice = await e2e.api<{ status: string; total: string; partyId: string }>(
      'GET',
      `/api/v1/finance/invoices/${invoiceId}`,
    );
    expect(invoice).toMatchObject({ status: 'draft', total: '960.00', partyId: client.id });
    await page.getByText('960.00').first().waitFor();

    // A second attempt finds nothing left to invoice.
    await page.goto(`/projects/${project.id}`);
    await page.getByRole('button', { name: 'Invoice approved time' }).click();
    await page.getByRole('alert').filter({ hasText: 'No approved, billable, not yet invoiced time' }).waitFor();
  });

  it('creates a project through the form and lists it with its status and progress', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/projects/new');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByText('Required.').first().waitFor();
    const code = `N${Date.now().toString(36).toUpperCase().slice(-6)}`;
    await page.getByRole('textbox', { name: /^Code/ }).fill(code.toLowerCase());
    await page.getByRole('textbox', { name: /^Name/ }).fill('Moon base');
    await page.getByLabel('Budget hours').fill('abc');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByText('A number like 120.5').waitFor();
    await page.getByLabel('Budget hours').fill('40');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: `${code} · Moon base`, level: 1 }).waitFor();
    const id = page.url().split('/').at(-1)!;
    const saved = await e2e.api<{ code: string; budgetHours: string; status: string }>(
      'GET',
      `/api/v1/projects/projects/${id}`,
    );
    expect(saved).toMatchObject({ code, budgetHours: '40.00', status: 'active' });

    await page.goto('/projects');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: code, exact: true }) });
    await row.getByText('Active').waitFor();
    await row.getByText('No work yet').waitFor();
    await screenshot(page, 'projects-list');
  });
  it('the task dialog edits the checklist (counted on the card) and shows the activity', async () => {
    const code = `C${Date.now().toString(36).toUpperCase().slice(-6)}`;
    const project = await e2e.api<{ id: string }>('POST', '/api/v1/projects/projects', {
      code,
      name: 'Checklists',
      status: 'active',
    });
    const task = await e2e.api<Task & { checklist: { id: string; text: string; done: boolean }[] }>(
      'POST',
      '/api/v1/projects/tasks',
      { projectId: project.id, title: 'Ship the release', checklist: [{ text: 'Build' }, { text: 'Test' }] },
    );
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/projects/${project.id}/board`);
    const card = page.getByRole('article', { name: /Ship the release/ });
    await card.getByLabel('Checklist 0 of 2 done').waitFor();
    await card.getByRole('button', { name: /Ship the release/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Build' }).click();
    await dialog.getByLabel('1 of 2 done').waitFor();
    await dialog.getByLabel('New item').fill('Announce');
    await dialog.getByRole('button', { name: 'Add item' }).click();
    await dialog.getByLabel('1 of 3 done').waitFor();
    await dialog.getByRole('button', { name: 'Move Announce up' }).click();
    await dialog.getByRole('button', { name: 'Remove Test' }).click();
    await dialog.getByLabel('1 of 2 done').waitFor();
    await expect
      .poll(async () =>
        (await e2e.api<typeof task>('GET', `/api/v1/projects/tasks/${task.id}`)).checklist.map((i) => [i.text, i.done]),
      )
      .toEqual([
        ['Build', true],
        ['Announce', false],
      ]);
    // The activity lists the changes, newest first.
    const activity = dialog.getByRole('list', { name: 'Activity' });
    await activity.getByText('removed a checklist item').waitFor();
    await activity.getByText('ticked a checklist item').waitFor();
    await activity.getByText('created the task').waitFor();
    // Files attach to the task through the platform's attachments.
    await dialog.getByTestId('attachments-input').setInputFiles({
      name: 'release-notes.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 release notes'),
    });
    await dialog.getByRole('button', { name: 'release-notes.pdf', exact: true }).waitFor();
    await screenshot(page, 'projects-task-checklist');
    await page.keyboard.press('Escape');
    await card.getByLabel('Checklist 1 of 2 done').waitFor();
  });
  it('the task list filters by status, label and overdue, and saves, picks and deletes a view', async () => {
    const code = `V${Date.now().toString(36).toUpperCase().slice(-6)}`;
    const project = await e2e.api<{ id: string }>('POST', '/api/v1/projects/projects', {
      code,
      name: 'Views',
      status: 'active',
    });
    const { items: statuses } = await e2e.api<{ items: Status[] }>(
      'GET',
      `/api/v1/projects/projects/${project.id}/statuses`,
    );
    const doing = statuses.find((s) => s.category === 'in_progress')!;
    const old = plus(monday(), -14);
    await e2e.api('POST', '/api/v1/projects/tasks', {
      projectId: project.id,
      title: 'Late bug',
      labels: ['bug'],
      dueDate: old,
    });
    await e2e.api('POST', '/api/v1/projects/tasks', { projectId: project.id, title: 'Fresh bug', labels: ['bug'] });
    await e2e.api('POST', '/api/v1/projects/tasks', {
      projectId: project.id,
      title: 'Ongoing feature',
      statusId: doing.id,
    });
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/projects/${project.id}`);
    await page.getByRole('link', { name: 'Tasks', exact: true }).click();
    const rows = page.getByRole('table', { name: 'Tasks' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByLabel('Label', { exact: true }).fill('bug');
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByRole('checkbox', { name: 'Overdue' }).check();
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('button', { name: /Late bug/ }).waitFor();
    // Saved views are the platform's (list projects.tasks), as on the CRM lists.
    await page.getByRole('button', { name: 'Save view…' }).click();
    const naming = page.getByRole('dialog');
    await naming.getByLabel('View name').fill('Late bugs');
    await naming.getByRole('button', { name: 'Save view' }).click();
    await page.getByText('View "Late bugs" saved.').waitFor();
    await expect
      .poll(() => page.getByLabel('Saved view', { exact: true }).inputValue(), { timeout: 10_000 })
      .not.toBe('');
    const saved = await e2e.api<{ items: { id: string; name: string; query: Record<string, string> }[] }>(
      'GET',
      '/api/v1/views?list=projects.tasks',
    );
    expect(saved.items.find((v) => v.name === 'Late bugs')?.query).toEqual({
      projectId: project.id,
      label: 'bug',
      overdue: 'true',
    });

    // Another filter, then picking the saved view brings its filters back.
    await page.getByRole('checkbox', { name: 'Overdue' }).uncheck();
    await page.getByLabel('Label', { exact: true }).fill('');
    await page.getByLabel('Status', { exact: true }).selectOption({ value: doing.id });
    await page.getByRole('button', { name: /Ongoing feature/ }).waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Saved view', { exact: true }).selectOption({ label: 'Late bugs' });
    await page.getByRole('button', { name: /Late bug/ }).waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByLabel('Label', { exact: true }).inputValue()).toBe('bug');
    expect(await page.getByRole('checkbox', { name: 'Overdue' }).isChecked()).toBe(true);
    await screenshot(page, 'projects-task-list-view');

    await page.getByRole('button', { name: 'Delete view' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(
        async () => (await page.getByLabel('Saved view', { exact: true }).locator('option').allInnerTexts()).length,
        { timeout: 10_000 },
      )
      .toBe(1);
    const after = await e2e.api<{ items: { name: string }[] }>('GET', '/api/v1/views?list=projects.tasks');
    expect(after.items.some((v) => v.name === 'Late bugs')).toBe(false);
  });
});
