import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { HR, hrEmployee, setSalary, type TestEmployee } from './payroll.test-support.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Comp {
  id: string;
  effectiveDate: string;
  baseSalary: string;
  periodAmount: string;
  payFrequency: string;
}
interface Component {
  id: string;
  kind: string;
  amount: string | null;
  rate: string | null;
  version: number;
  endDate: string | null;
}
interface Problem {
  type: string;
  errors?: { path: string }[];
}

let t: TestApp;
let hrAdmin: { token: string };
let emp: TestEmployee;
beforeAll(async () => {
  t = await createTestApp();
  hrAdmin = await t.userWithRoles(['hr-admin']);
  emp = await hrEmployee(t, { roles: ['employee'] });
});
afterAll(() => t.close());

const post = (employeeId: string, body: unknown, token = hrAdmin.token) =>
  t.request<Comp & Problem>('POST', `${HR}/employees/${employeeId}/compensation`, { token, body });

describe('compensation', () => {
  it('adds annual salaries, derives the period amount, lists them newest first, audited', async () => {
    const first = await post(emp.id, {
      effectiveDate: '2025-01-01',
      baseSalary: '60000',
      currency: 'USD',
      payFrequency: 'monthly',
      reason: 'Hired',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ baseSalary: '60000.00', periodAmount: '5000.00', currency: 'USD' });
    await setSalary(t, hrAdmin.token, emp.id, {
      effectiveDate: '2026-01-01',
      baseSalary: '52000.00',
      payFrequency: 'biweekly',
    });
    await setSalary(t, hrAdmin.token, emp.id, { effectiveDate: '2025-07-01', baseSalary: '50000.00' });

    const list = await t.request<Page<Comp>>('GET', `${HR}/employees/${emp.id}/compensation`, { token: hrAdmin.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c) => [c.effectiveDate, c.periodAmount])).toEqual([
      ['2026-01-01', '2000.00'],
      ['2025-07-01', '4166.67'],
      ['2025-01-01', '5000.00'],
    ]);
    const paged = await t.request<Page<Comp>>('GET', `${HR}/employees/${emp.id}/compensation?limit=2`, {
      token: hrAdmin.token,
    });
    expect(paged.body.items).toHaveLength(2);
    const rest = await t.request<Page<Comp>>(
      'GET',
      `${HR}/employees/${emp.id}/compensation?limit=2&cursor=${paged.body.nextCursor}`,
      { token: hrAdmin.token },
    );
    expect(rest.body.items.map((c) => c.effectiveDate)).toEqual(['2025-01-01']);

    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', first.body.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['compensation.created']);
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const before = await t.db
      .selectFrom('hr.compensations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const negative = await post(emp.id, {
      effectiveDate: '2026-02-01',
      baseSalary: '-1',
      currency: 'USD',
      payFrequency: 'monthly',
    });
    expect(negative.status).toBe(422);
    expect(negative.body.errors?.map((e) => e.path)).toEqual(['baseSalary']);
    const bad = await post(emp.id, {
      effectiveDate: '2026-02-30',
      baseSalary: 60000,
      currency: 'usd',
      payFrequency: 'daily',
      extra: true,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual([
      'baseSalary',
      'currency',
      'effectiveDate',
      'extra',
      'payFrequency',
    ]);
    const floaty = await post(emp.id, {
      effectiveDate: '2026-02-01',
      baseSalary: '1.005',
      currency: 'USD',
      payFrequency: 'monthly',
    });
    expect(floaty.status).toBe(422);
    const after = await t.db
      .selectFrom('hr.compensations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('409 for a second salary on the same day; 404 for an unknown employee; 403 without hr:admin', async () => {
    const dup = await post(emp.id, {
      effectiveDate: '2025-01-01',
      baseSalary: '1.00',
      currency: 'USD',
      payFrequency: 'monthly',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.type).toBe('https://moms.dev/problems/compensation-exists');
    const unknown = await post('00000000-0000-4000-8000-000000000000', {
      effectiveDate: '2025-01-01',
      baseSalary: '1.00',
      currency: 'USD',
      payFrequency: 'monthly',
    });
    expect(unknown.status).toBe(404);
    const self = await post(
      emp.id,
      { effectiveDate: '2027-01-01', baseSalary: '999999.00', currency: 'USD', payFrequency: 'monthly' },
      emp.token,
    );
    expect(self.status).toBe(403);
  });
});

describe('pay components', () => {
  it('creates, lists, updates with a version and deletes', async () => {
    const url = `${HR}/employees/${emp.id}/pay-components`;
    const created = await t.request<Component>('POST', url, {
      token: hrAdmin.token,
      body: { kind: 'deduction', name: 'Income tax', rate: '20.5', startDate: '2026-01-01' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'deduction', rate: '20.5', amount: null, version: 1 });
    await t.request('POST', url, {
      token: hrAdmin.token,
      body: { kind: 'allowance', name: 'Old phone', amount: '25.00', startDate: '2024-01-01', endDate: '2024-12-31' },
    });

    const active = await t.request<Page<Component>>('GET', `${url}?activeOn=2026-06-01`, { token: emp.token });
    expect(active.status).toBe(200);
    expect(active.body.items.map((c) => c.id)).toEqual([created.body.id]);

    const path = `${HR}/pay-components/${created.body.id}`;
    const stale = await t.request('PATCH', path, { token: hrAdmin.token, body: { version: 2, rate: '10' } });
    expect(stale.status).toBe(409);
    const both = await t.request<Problem>('PATCH', path, {
      token: hrAdmin.token,
      body: { version: 1, amount: '10.00' },
    });
    expect(both.status).toBe(422);
    const switched = await t.request<Component>('PATCH', path, {
      token: hrAdmin.token,
      body: { version: 1, amount: '150.00', rate: null, endDate: '2026-12-31' },
    });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ amount: '150.00', rate: null, endDate: '2026-12-31', version: 2 });
    const backwards = await t.request('PATCH', path, {
      token: hrAdmin.token,
      body: { version: 2, endDate: '2025-01-01' },
    });
    expect(backwards.status).toBe(422);

    expect((await t.request('DELETE', `${path}?version=1`, { token: hrAdmin.token })).status).toBe(409);
    expect((await t.request('DELETE', `${path}?version=2`, { token: hrAdmin.token })).status).toBe(204);
    expect((await t.request('DELETE', `${path}?version=2`, { token: hrAdmin.token })).status).toBe(404);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', created.body.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'pay-component.created',
      'pay-component.updated',
      'pay-component.deleted',
    ]);
  });

  it('refuses amount and rate together, neither, a rate over 100, and an end before the start', async () => {
    const url = `${HR}/employees/${emp.id}/pay-components`;
    const send = (body: unknown) => t.request<Problem>('POST', url, { token: hrAdmin.token, body });
    const both = await send({ kind: 'allowance', name: 'X', amount: '1.00', rate: '1', startDate: '2026-01-01' });
    expect(both.status).toBe(422);
    expect(both.body.errors?.map((e) => e.path)).toEqual(['amount']);
    expect((await send({ kind: 'allowance', name: 'X', startDate: '2026-01-01' })).status).toBe(422);
    const over = await send({ kind: 'deduction', name: 'X', rate: '100.5', startDate: '2026-01-01' });
    expect(over.body.errors?.map((e) => e.path)).toEqual(['rate']);
    const kind = await send({ kind: 'bonus', name: 'X', amount: '1', startDate: '2026-01-01' });
    expect(kind.body.errors?.map((e) => e.path)).toEqual(['kind']);
    const ends = await send({
      kind: 'allowance',
      name: 'X',
      amount: '1',
      startDate: '2026-01-01',
      endDate: '2025-01-01',
    });
    expect(ends.body.errors?.map((e) => e.path)).toEqual(['endDate']);
  });
});
