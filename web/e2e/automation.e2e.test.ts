import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';

describe.skipIf(chromiumMissing)('automation', { timeout: 180_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('builds a flow with a run form and an approval (an invalid expression shown at its field), publishes it, runs it, approves it from the inbox (the nav badge goes 1 → 0) and shows the finished run', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/automation/flows/new');
    await page.getByRole('heading', { level: 1, name: 'New flow' }).waitFor();
    await page.getByLabel('Name').fill('E2E purchase');

    // The manual trigger's form: one required number.
    const trigger = page.getByRole('group', { name: 'Trigger' });
    expect(await trigger.getByLabel('Starts').inputValue()).toBe('manual');
    await trigger.getByRole('button', { name: 'Add field to the run form' }).click();
    await trigger.getByLabel('Field 1 key').fill('amount');
    await trigger.getByLabel('Field 1 label').fill('Amount');
    await trigger.getByLabel('Field 1 type').selectOption('number');
    await trigger.getByLabel('Field 1 required').check();

    // Step 1, the new flow's approval: assigned to the administrators, with a form of its own.
    const approval = page.getByRole('region', { name: /^Step 1: Approval/ });
    await approval.getByLabel('Title').fill('Approve the purchase');
    await approval.getByLabel('Role').fill('admin');
    await approval.getByRole('button', { name: 'Add field to the approval form' }).click();
    await approval.getByLabel('Field 1 key').fill('approvedAmount');
    await approval.getByLabel('Field 1 label').fill('Approved amount');
    await approval.getByLabel('Field 1 type').selectOption('number');
    await approval.getByLabel('Field 1 required').check();

    // Step 2: a variable whose expression does not parse; the server's 422 lands at that field.
    await page.getByLabel("New step's kind").selectOption('set');
    await page.getByRole('button', { name: 'Add step' }).click();
    const set = page.getByRole('region', { name: /^Step 2: Set variables/ });
    await set.getByLabel('Step id').fill('total');
    await set.getByLabel('Variable 1 name').fill('total');
    const value = set.getByLabel('Variable 1 value');
    await value.fill('steps.approval.values.approvedAmount *');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await expect.poll(() => value.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    const describedBy = (await value.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'));
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/Not a valid expression/);
    await page.getByRole('alert').filter({ hasText: 'steps.1.variables.total' }).waitFor();
    await screenshot(page, 'automation-validation-error');

    await value.fill('steps.approval.values.approvedAmount * 2');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E purchase' }).waitFor();
    const flowId = page.url().split('/').at(-1)!;
    await page.getByText('Not published yet').waitFor();

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Version 1 is live').waitFor();

    // Run it by hand with the trigger's form (the required amount is checked by the server too).
    await page.getByRole('button', { name: 'Run now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run E2E purchase' });
    await dialog.getByRole('button', { name: 'Start the run' }).click();
    await expect.poll(() => dialog.getByLabel('Amount').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Amount').fill('1200');
    await dialog.getByRole('button', { name: 'Start the run' }).click();
    await page.getByRole('heading', { level: 1, name: 'Run of E2E purchase' }).waitFor();
    const runUrl = page.url();
    await page.getByText('Waiting for an approval at step approval').waitFor({ timeout: 30_000 });

    // The nav's count of approvals waiting for me, refreshed on navigation.
    const inboxLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Approvals inbox/ });
    await inboxLink.click();
    await page.getByRole('heading', { level: 1, name: 'Approvals inbox' }).waitFor();
    await expect.poll(() => inboxLink.textContent(), { timeout: 10_000 }).toMatch(/1, 1 pending$/);
    const card = page.getByRole('region', { name: 'Approve the purchase' });
    await card.getByLabel('Approved amount').fill('1000');
    await card.getByLabel('Comment').fill('Within budget');
    await screenshot(page, 'automation-inbox');
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('No approval waits for you').waitFor();
    await expect.poll(() => inboxLink.textContent(), { timeout: 10_000 }).toBe('Approvals inbox');

    // The run finished with each step's output.
    await page.goto(runUrl);
    await page.getByRole('heading', { level: 1, name: 'Run of E2E purchase' }).waitFor();
    const approved = page.getByRole('region', { name: 'Step approval' });
    const total = page.getByRole('region', { name: 'Step total' });
    await total.waitFor({ timeout: 30_000 });
    await page.locator('.run-status', { hasText: 'Succeeded' }).first().waitFor({ timeout: 30_000 });
    const approvalOutput = await approved.getByRole('figure', { name: 'Output' }).textContent();
    expect(approvalOutput).toContain('"decision": "approved"');
    expect(approvalOutput).toContain('"approvedAmount": 1000');
    expect(approvalOutput).toContain('"comment": "Within budget"');
    expect(await total.getByRole('figure', { name: 'Output' }).textContent()).toContain('"total": 2000');
    await screenshot(page, 'automation-run');

    // The flow's own run history lists it as succeeded.
    const runs = await e2e.api<{ items: { status: string }[] }>(
      'GET',
      `/api/v1/automation/executions?flowId=${flowId}`,
    );
    expect(runs.items.map((r) => r.status)).toEqual(['succeeded']);
    await page.getByRole('link', { name: 'Open the flow' }).click();
    await page
      .getByRole('table', { name: 'Runs of this flow' })
      .getByRole('row', { name: /Succeeded/ })
      .waitFor();
  });

  it('builds a flow triggered by crm.opportunity.won (filtered) with an approval, publishes it, wins a deal in CRM, approves it from the inbox and sees the run succeed', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/automation/flows/new');
    await page.getByRole('heading', { level: 1, name: 'New flow' }).waitFor();
    await page.getByLabel('Name').fill('E2E big deal won');
    const trigger = page.getByRole('group', { name: 'Trigger' });
    await trigger.getByLabel('Starts').selectOption('event');
    await trigger.getByLabel('Event type').fill('crm.opportunity.won');
    await trigger.getByLabel('Only when (filter)').fill('$number(trigger.payload.amount) > 10000');
    const approval = page.getByRole('region', { name: /^Step 1: Approval/ });
    await approval.getByLabel('Title').fill('Approve the won deal');
    await approval.getByLabel('Role').fill('admin');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.getByRole('heading', { level: 1, name: 'E2E big deal won' }).waitFor();
    const flowId = page.url().split('/').at(-1)!;
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Version 1 is live').waitFor();

    // A CRM change: a small deal won (filtered out) and a big one won (starts a run).
    const win = async (name: string, amount: string) => {
      const o = await e2e.api<{ id: string; version: number }>('POST', '/api/v1/crm/opportunities', {
        name,
        amount,
        currency: 'EUR',
      });
      await e2e.api('POST', `/api/v1/crm/opportunities/${o.id}/win`, { version: o.version });
    };
    await win('E2E small deal', '900');
    await win('E2E big deal', '25000.00');

    // The event is delivered by the worker: the approval shows up in the inbox.
    const inboxLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Approvals inbox/ });
    await inboxLink.click();
    await page.getByRole('heading', { level: 1, name: 'Approvals inbox' }).waitFor();
    const card = page.getByRole('region', { name: 'Approve the won deal' });
    await expect
      .poll(
        async () => {
          if (await card.isVisible()) return true;
          await page.reload();
          await page.getByRole('heading', { level: 1, name: 'Approvals inbox' }).waitFor();
          return card.isVisible();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(true);
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('No approval waits for you').waitFor();

    // The run history: one run (the small deal was filtered out), succeeded, its trigger the big deal.
    await expect
      .poll(
        async () =>
          (
            await e2e.api<{ items: { status: string }[] }>('GET', `/api/v1/automation/executions?flowId=${flowId}`)
          ).items.map((r) => r.status),
        { timeout: 30_000, interval: 1_000 },
      )
      .toEqual(['succeeded']);
    await page.goto(`${e2e.baseUrl}/automation/flows/${flowId}`);
    const row = page.getByRole('table', { name: 'Runs of this flow' }).getByRole('row', { name: /Succeeded/ });
    await row.waitFor();
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: 'Run of E2E big deal won' }).waitFor();
    expect(await page.getByRole('figure', { name: 'Trigger' }).textContent()).toContain('"name": "E2E big deal"');
    expect(
      await page.getByRole('region', { name: 'Step approval' }).getByRole('figure', { name: 'Output' }).textContent(),
    ).toContain('"decision": "approved"');
    await screenshot(page, 'automation-event-run');
  });

  it('stores an HMAC credential whose generated secret is shown once, and subscribes a webhook endpoint signed with it (a refused URL shown at its field)', async () => {
    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, '/automation/credentials');
    await page.getByRole('heading', { level: 1, name: 'Credentials' }).waitFor();
    const form = page.getByRole('form', { name: 'New credential' });
    await form.getByLabel('Name').fill('Partner hook');
    await form.getByLabel('Type').selectOption('hmac');
    await form.getByRole('button', { name: 'Store credential' }).click();
    const secret = await page.getByLabel('Generated secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.getByRole('table', { name: 'Credentials' }).getByRole('row', { name: /Partner hook/ });
    await row.waitFor();
    expect(await page.content()).not.toContain(secret!);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    const subscribe = page.getByRole('form', { name: 'Subscribe an endpoint' });
    await subscribe.getByLabel('Name').fill('Partner');
    await subscribe.getByLabel('Event types').fill('projects.task.completed, supply.receipt.done');
    const credential = subscribe.getByLabel('Signing credential');
    const option = credential.locator('option', { hasText: 'Partner hook' });
    await option.waitFor({ state: 'attached' });
    await credential.selectOption((await option.getAttribute('value'))!);
    const url = subscribe.getByLabel('URL');
    await url.fill('http://127.0.0.1:9/hook');
    await subscribe.getByRole('button', { name: 'Subscribe' }).click();
    await expect.poll(() => url.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    await url.fill('https://partner.example.com/hooks/moms');
    await subscribe.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('link', { name: 'Partner', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner' }).waitFor();
    await page.getByText('Nothing delivered yet.').waitFor();
    await screenshot(page, 'automation-webhook');
  });

  it('shows a failed run with its error and retries it from the failed step on the newest version (earlier steps copied)', async () => {
    const org = await e2e.api<{ id: string }>('POST', '/api/v1/crm/organizations', { name: 'Retry Org' });
    const definition = (input: string) => ({
      trigger: { kind: 'manual', form: [] },
      steps: [
        { kind: 'set', id: 'note', variables: { subject: '"Follow up the retry"' } },
        { kind: 'action', id: 'log', action: 'crm.create-activity', input },
      ],
    });
    // Version 1 links the activity to nothing: CRM refuses it and the run fails at once at that step.
    const flow = await e2e.api<{ id: string; version: number }>('POST', '/api/v1/automation/flows', {
      name: 'E2E retry',
      definition: definition('{"type": "note", "subject": vars.subject}'),
    });
    const v1 = await e2e.api<{ version: number }>('POST', `/api/v1/automation/flows/${flow.id}/publish`, {
      version: flow.version,
    });
    const { executionId } = await e2e.api<{ executionId: string }>('POST', `/api/v1/automation/flows/${flow.id}/run`, {
      values: {},
    });

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/automation/runs/${executionId}`);
    await page.getByRole('heading', { level: 1, name: 'Run of E2E retry' }).waitFor();
    const failure = page.getByRole('alert').filter({ hasText: 'The run failed at step log' });
    await failure.waitFor({ timeout: 30_000 });
    expect(await failure.textContent()).toMatch(/organization/i);

    // Version 2 fixes the input; the retry takes it and copies the step that had succeeded.
    const fixed = await e2e.api<{ version: number }>('PATCH', `/api/v1/automation/flows/${flow.id}`, {
      version: v1.version,
      definition: definition(`{"type": "note", "subject": vars.subject, "organizationId": "${org.id}"}`),
    });
    await e2e.api('POST', `/api/v1/automation/flows/${flow.id}/publish`, { version: fixed.version });
    const retry = page.getByRole('form', { name: 'Retry the run' });
    expect(await retry.getByLabel('Retry from').inputValue()).toBe('failed-step');
    await retry.getByLabel('On version').selectOption('latest');
    await retry.getByRole('button', { name: 'Retry' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(executionId));
    await page.getByRole('link', { name: 'an earlier run' }).waitFor();
    await page.locator('.run-status', { hasText: 'Succeeded' }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('region', { name: 'Step note' }).getByText('Copied from the earlier run').waitFor();
    const logged = page.getByRole('region', { name: 'Step log' });
    expect(await logged.getByRole('figure', { name: 'Output' }).textContent()).toContain(
      '"subject": "Follow up the retry"',
    );
    await page
      .getByText(/on version 2\b/)
      .first()
      .waitFor();
    await screenshot(page, 'automation-retry');
  });
});
