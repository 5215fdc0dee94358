import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import {
  automationApp,
  expectStatus,
  publishedFlow,
  type AutomationTestApp,
  type ExecutionBody,
} from './automation.test-support.js';

/** The module actions HR, Finance and CRM declare (issue #17): each through the module's service, once per key. */
let t: TestApp;
let a: AutomationTestApp;

beforeAll(async () => {
  t = await createTestApp();
  a = automationApp(t);
});
afterAll(async () => {
  await t?.close();
});

async function runOnce(token: string, flowId: string): Promise<ExecutionBody> {
  const { executionId } = expectStatus(
    await a.call<{ executionId: string }>('POST', `/flows/${flowId}/run`, token, { values: {} }),
    202,
  );
  await a.drain();
  return expectStatus(await a.call<ExecutionBody>('GET', `/executions/${executionId}`, token), 200);
}

describe('module actions for flows', () => {
  it('hr.create-leave-request requests leave for the run-as user through HR', async () => {
    const hrAdmin = await t.userWithRoles(['hr-admin']);
    const code = `AUTO${Date.now() % 100000}`;
    const typeId = expectStatus(
      await t.request<{ id: string }>('POST', '/api/v1/hr/leave/types', {
        token: hrAdmin.token,
        body: { code, name: code, yearlyAllowance: 20 },
      }),
      201,
    ).id;
    // An employee record linked to the run-as user (the employees API is not what this test is about).
    const user = await t.userWithRoles(['employee', 'manager']);
    const employee = await t.db
      .insertInto('hr.employees')
      .values({
        first_name: 'Flow',
        last_name: 'Runner',
        work_email: `flow-runner-${Date.now()}@example.com`,
        home_address: null,
        start_date: '2020-01-01',
        end_date: null,
        status: 'active',
        manager_id: null,
        location_id: null,
        department_id: null,
        user_id: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = { token: user.token, employeeId: employee.id };
    const flow = await publishedFlow(a, person.token, {
      definition: {
        trigger: { kind: 'manual' },
        steps: [
          {
            kind: 'action',
            id: 'leave',
            action: 'hr.create-leave-request',
            input: `{"leaveTypeId": "${typeId}", "startDate": "2031-03-03", "endDate": "2031-03-04", "submit": false}`,
          },
        ],
      },
    });
    const run = await runOnce(person.token, flow.id);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0]!.output).toMatchObject({ status: 'draft', days: '2.0' });
    const rows = await t.db
      .selectFrom('hr.leave_requests')
      .select(['status', 'employee_id'])
      .where('employee_id', '=', person.employeeId)
      .execute();
    expect(rows).toEqual([{ status: 'draft', employee_id: person.employeeId }]);
  });

  it('finance.create-draft-invoice creates a draft invoice through Finance', async () => {
    const accountant = await t.userWithRoles(['finance-admin', 'manager']);
    const party = expectStatus(
      await t.request<{ id: string }>('POST', '/api/v1/finance/parties', {
        token: accountant.token,
        body: { kind: 'customer', name: 'Automation Customer' },
      }),
      201,
    );
    const flow = await publishedFlow(a, accountant.token, {
      definition: {
        trigger: { kind: 'manual' },
        steps: [
          {
            kind: 'action',
            id: 'invoice',
            action: 'finance.create-draft-invoice',
            input: `{"partyId": "${party.id}", "date": "2031-01-15", "lines": [{"description": "Kick-off", "quantity": "2", "unitPrice": "150.00"}]}`,
          },
        ],
      },
    });
    const run = await runOnce(accountant.token, flow.id);
    expect(run.status).toBe('succeeded');
    const output = run.steps[0]!.output as { id: string; status: string; total: string };
    expect(output).toMatchObject({ status: 'draft' });
    const doc = await t.db
      .selectFrom('finance.documents')
      .select(['kind', 'status', 'party_id'])
      .where('id', '=', output.id)
      .executeTakeFirstOrThrow();
    expect(doc).toEqual({ kind: 'invoice', status: 'draft', party_id: party.id });
  });

  it('crm.assign-owner gives a record a new owner through CRM (its visibility and assignability rules)', async () => {
    const manager = await t.userWithRoles(['manager', 'sales-manager']);
    const org = expectStatus(
      await t.request<{ id: string; ownerId: string }>('POST', '/api/v1/crm/organizations', {
        token: manager.token,
        body: { name: 'Owned by automation' },
      }),
      201,
    );
    const flow = await publishedFlow(a, manager.token, {
      definition: {
        trigger: { kind: 'manual' },
        steps: [
          {
            kind: 'action',
            id: 'own',
            action: 'crm.assign-owner',
            input: `{"record": "organization", "id": "${org.id}", "ownerId": "${manager.id}"}`,
          },
        ],
      },
    });
    const run = await runOnce(manager.token, flow.id);
    expect(run.status).toBe('succeeded');
    expect(run.steps[0]!.output).toMatchObject({ id: org.id, ownerId: manager.id });
    const row = await t.db
      .selectFrom('crm.organizations')
      .select('owner_id')
      .where('id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(row.owner_id).toBe(manager.id);
  });
});
