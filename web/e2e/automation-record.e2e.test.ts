import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';
import { seriousViolations } from './axe.js';

/** Issue #17's last parts in the browser: "Run flow" on a record's page, the editor's test run and loop body, credential rotation. */
describe.skipIf(chromiumMissing)(
  'automation: record button, test run, loop body, rotation',
  { timeout: 180_000 },
  () => {
    let e2e: E2E;
    beforeAll(async () => {
      e2e = await startE2E();
    });
    afterAll(async () => {
      await e2e?.close();
    });

    it("runs a published manual flow from an organization's page (Run flow → its form) with trigger.record", async () => {
      const org = await e2e.api<{ id: string }>('POST', '/api/v1/crm/organizations', { name: 'E2E Record Org' });
      const created = await e2e.api<{ id: string; version: number }>('POST', '/api/v1/automation/flows', {
        name: 'E2E note on organization',
        definition: {
          trigger: {
            kind: 'manual',
            record: 'crm.organization',
            form: [{ key: 'text', label: 'Note text', type: 'text', required: true }],
          },
          steps: [
            {
              kind: 'action',
              id: 'note',
              action: 'crm.create-activity',
              input:
                '{"type": "note", "subject": "E2E record " & trigger.values.text, "organizationId": trigger.record.id}',
            },
          ],
        },
      });
      await e2e.api('POST', `/api/v1/automation/flows/${created.id}/publish`, { version: created.version });

      const page = await e2e.newPage();
      await loginAs(page, ADMIN.email, ADMIN.password, `/crm/organizations/${org.id}`);
      await page.getByRole('heading', { level: 1, name: 'E2E Record Org' }).waitFor();
      await page.getByRole('button', { name: 'Run flow', exact: true }).click();
      await page
        .getByRole('list', { name: 'Flows to run on this record' })
        .getByRole('button', { name: 'E2E note on organization', exact: true })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Run E2E note on organization' });
      await dialog.getByLabel('Note text').fill('from the page');
      await screenshot(page, 'automation-run-from-record');
      await dialog.getByRole('button', { name: 'Start the run', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Run of E2E note on organization' }).waitFor();
      await page.locator('.run-status', { hasText: 'Succeeded' }).first().waitFor({ timeout: 30_000 });
      expect(await page.getByRole('figure', { name: 'Trigger' }).textContent()).toContain(`"id": "${org.id}"`);

      // The activity is on that organization.
      const runs = await e2e.api<{ items: { id: string; trigger: { record: { type: string; id: string } } }[] }>(
        'GET',
        `/api/v1/automation/executions?flowId=${created.id}`,
      );
      expect(runs.items.map((r) => r.trigger.record)).toEqual([{ type: 'crm.organization', id: org.id }]);
    });

    it('edits a loop body in the editor, test-runs the draft with a sample (nothing kept), and rotates a credential', async () => {
      const page = await e2e.newPage();
      await loginAs(page, ADMIN.email, ADMIN.password, '/automation/flows/new');
      await page.getByRole('heading', { level: 1, name: 'New flow' }).waitFor();
      await page.getByLabel('Name').fill('E2E tested deal flow');
      const trigger = page.getByRole('group', { name: 'Trigger' });
      await trigger.getByLabel('Starts').selectOption('event');
      await trigger.getByLabel('Event type').fill('crm.opportunity.won');

      // Step 1 (the new flow's approval) becomes step 2: a loop goes first, its body edited in forms.
      await page.getByLabel("New step's kind", { exact: true }).selectOption('loop');
      await page.getByRole('button', { name: 'Add step', exact: true }).click();
      await page.getByRole('button', { name: 'Move step 2 up', exact: true }).click();
      const loop = page.getByRole('region', { name: /^Step 1: Loop/ });
      await loop.getByLabel(/^Items/).fill('[1, 2, 3]');
      const body = loop.getByRole('group', { name: 'Body of loop loop' });
      const first = body.getByRole('region', { name: 'Body step 1 of loop' });
      await first.getByLabel('Variable 1 value', { exact: true }).fill('item * 10');
      await body.getByLabel("New body step's kind (loop)", { exact: true }).selectOption('set');
      await body.getByRole('button', { name: 'Add body step', exact: true }).click();
      const second = body.getByRole('region', { name: 'Body step 2 of loop' });
      await second.getByLabel('Variable 1 name', { exact: true }).fill('doubled');
      await second.getByLabel('Variable 1 value', { exact: true }).fill('vars.last * 2');
      const approval = page.getByRole('region', { name: /^Step 2: Approval/ });
      await approval.getByLabel('Role').fill('admin');
      await page.getByRole('button', { name: 'Create flow', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'E2E tested deal flow' }).waitFor();
      const flowId = page.url().split('/').at(-1)!;
      const saved = await e2e.api<{ draft: { steps: { kind: string; steps?: { id: string }[] }[] } }>(
        'GET',
        `/api/v1/automation/flows/${flowId}`,
      );
      expect(saved.draft.steps[0]!.kind).toBe('loop');
      expect(saved.draft.steps[0]!.steps!.map((s) => s.id)).toEqual(['loop_each', 'set']);

      // The test run: the sample is prefilled from crm.opportunity.won's example payload.
      const panel = page.getByRole('region', { name: 'Test run' });
      const sample = panel.getByLabel('Sample trigger (JSON)', { exact: true });
      await expect.poll(() => sample.inputValue(), { timeout: 10_000 }).toContain('"opportunityId"');
      await panel.getByRole('button', { name: 'Run the test', exact: true }).click();
      const result = panel.getByLabel('Test run result', { exact: true });
      await result.getByText('The test run stopped').waitFor({ timeout: 15_000 });
      expect(await result.getByLabel('Test step 8: loop_each', { exact: true }).textContent()).toContain('"last": 30');
      expect(await result.textContent()).toContain('approval (Approval) — Stopped here');

      // The approval's decision as a stand-in: the test reaches the end.
      await panel
        .getByLabel('Stand-in step outputs (JSON)', { exact: true })
        .fill('{ "approval": { "decision": "approved", "values": {} } }');
      await panel.getByRole('button', { name: 'Run the test', exact: true }).click();
      await result.getByText('The test run reached the end').waitFor({ timeout: 15_000 });
      expect(await result.textContent()).toContain('"doubled": 60');
      await screenshot(page, 'automation-test-run');
      // The editor with a loop's body and a test run's result: no serious accessibility violation.
      expect(await seriousViolations(page)).toEqual([]);
      const runs = await e2e.api<{ items: unknown[] }>('GET', `/api/v1/automation/executions?flowId=${flowId}`);
      expect(runs.items).toEqual([]);

      // Rotation: a new token for the same credential (its id stays), the hint changes, the token never shows.
      const credential = await e2e.api<{ id: string; hint: string }>('POST', '/api/v1/automation/credentials', {
        name: 'E2E rotated token',
        type: 'bearer',
        token: 'first-token-aaaa1111',
      });
      await page.goto(`${e2e.baseUrl}/automation/credentials`);
      await page.getByRole('heading', { level: 1, name: 'Credentials' }).waitFor();
      await page.getByRole('button', { name: 'Rotate E2E rotated token', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Rotate E2E rotated token' });
      await dialog.getByLabel('New token', { exact: true }).fill('second-token-bbbb2222');
      await dialog.getByRole('button', { name: 'Replace the secret', exact: true }).click();
      await page.getByText('The secret of E2E rotated token was replaced').waitFor();
      const after = await e2e.api<{ id: string; hint: string; version: number }>(
        'GET',
        `/api/v1/automation/credentials/${credential.id}`,
      );
      expect(after.hint).not.toBe(credential.hint);
      expect(after.version).toBe(2);
      expect(await page.content()).not.toContain('second-token-bbbb2222');
    });
  },
);
