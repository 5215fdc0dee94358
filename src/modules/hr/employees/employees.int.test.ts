import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { HR, createEmployee, hrWorld, type HrWorld } from './employees.test-support.js';

interface Emp {
  id: string;
  version: number;
  managerId: string | null;
  departmentId: string | null;
  status: string;
  workEmail: string;
  errors?: { path: string }[];
  type?: string;
  detail?: string;
  existingId?: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

let t: TestApp;
let w: HrWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await hrWorld(t);
});
afterAll(() => t.close());

const post = (body: Record<string, unknown>, token = w.admin.token) =>
  t.request<Emp>('POST', `${HR}/employees`, {
    token,
    body: {
      firstName: 'New',
      lastName: 'Hire',
      workEmail: `hire-${Math.random()}@work.example`,
      startDate: '2025-03-01',
      ...body,
    },
  });
const patch = (id: string, body: Record<string, unknown>, token = w.admin.token) =>
  t.request<Emp>('PATCH', `${HR}/employees/${id}`, { token, body });
const version = async (id: string) =>
  (await t.request<Emp>('GET', `${HR}/employees/${id}`, { token: w.admin.token })).body.version;
const problem = (type: string) => `https://moms.dev/problems/${type}`;

describe('creating employees', () => {
  it('creates with a first job-history entry and an audit record', async () => {
    const res = await post({ managerId: w.mgr.id, departmentId: w.departmentId, homeAddress: { city: 'Lyon' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ access: 'full', managerId: w.mgr.id, status: 'active', version: 1 });
    expect(res.headers.get('location')).toBe(`/api/v1/hr/employees/${res.body.id}`);
    const history = await t.db
      .selectFrom('hr.job_changes')
      .selectAll()
      .where('employee_id', '=', res.body.id)
      .execute();
    expect(history).toMatchObject([{ effective_date: '2025-03-01', manager_id: w.mgr.id, reason: 'Hired' }]);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', res.body.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['employee.created']);
  });

  it('refuses bad input field by field, and writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('hr.employees')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const bad = await post({
      firstName: '',
      workEmail: 'nope',
      startDate: '2025-02-30',
      employmentType: 'slave',
      extra: 1,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual([
      'employmentType',
      'extra',
      'firstName',
      'startDate',
      'workEmail',
    ]);
    const dates = await post({ endDate: '2025-01-01' });
    expect(dates.status).toBe(422);
    expect(dates.body.errors?.[0]?.path).toBe('endDate');
    for (const field of ['departmentId', 'positionId', 'locationId', 'managerId', 'userId']) {
      const res = await post({ [field]: '00000000-0000-4000-8000-000000000000' });
      expect(res.status, field).toBe(422);
      expect(res.body.errors?.[0]?.path).toBe(field);
      expect(res.body.detail, field).toMatch(
        / 00000000-0000-4000-8000-000000000000 does not exist or you cannot see it\.$/,
      );
    }
    expect(await count()).toBe(before);
  });

  it('refuses a duplicate active work email (409) but allows it again once the holder is terminated', async () => {
    const first = await post({ workEmail: 'Dup@Work.example' });
    expect(first.body.workEmail).toBe('dup@work.example');
    const dup = await post({ workEmail: 'dup@work.example' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ type: problem('duplicate-work-email'), existingId: first.body.id });
    const end = await t.request('POST', `${HR}/employees/${first.body.id}/terminate`, {
      token: w.admin.token,
      body: { version: 1, endDate: '2025-06-30', reason: 'Resigned' },
    });
    expect(end.status).toBe(200);
    expect((await post({ workEmail: 'dup@work.example' })).status).toBe(201);
  });

  it('links an active MOMS user at most once', async () => {
    const user = await t.userWithRoles(['employee']);
    const linked = await post({ userId: user.id });
    expect(linked.status).toBe(201);
    const again = await post({ userId: user.id });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: problem('user-already-linked'), existingId: linked.body.id });
  });

  it('only hr:admin creates', async () => {
    expect((await post({}, w.mgr.token)).status).toBe(403);
  });
});

describe('updating employees', () => {
  it('records a job change with its effective date, refuses a stale version, and lists history newest first', async () => {
    const e = await createEmployee(t, w.admin.token, { managerId: w.ceo.id, startDate: '2024-01-01' });
    const moved = await patch(e.id, { version: 1, managerId: w.mgr.id, effectiveDate: '2025-01-01', reason: 'Reorg' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ managerId: w.mgr.id, version: 2 });
    expect((await patch(e.id, { version: 1, firstName: 'Stale' })).status).toBe(409);
    const renamed = await patch(e.id, { version: 2, firstName: 'Renamed' });
    expect(renamed.status).toBe(200);
    await patch(e.id, { version: 3, departmentId: w.departmentId });
    const history = await t.request<Page<{ type: string; effectiveDate: string; managerName: string | null }>>(
      'GET',
      `${HR}/employees/${e.id}/history?limit=1`,
      { token: w.admin.token },
    );
    expect(history.status).toBe(200);
    const all = [...history.body.items];
    let cursor = history.body.nextCursor;
    while (cursor) {
      const next = await t.request<typeof history.body>(
        'GET',
        `${HR}/employees/${e.id}/history?limit=1&cursor=${cursor}`,
        {
          token: w.admin.token,
        },
      );
      all.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    // department change (today), manager change (2025-01-01), hired (2024-01-01): the rename is no job change.
    expect(
      all
        .filter((h) => h.type === 'job')
        .map((h) => h.effectiveDate)
        .slice(1),
    ).toEqual(['2025-01-01', '2024-01-01']);
    expect(all.filter((h) => h.type === 'job')).toHaveLength(3);
    expect(all[1]?.managerName).toBe('Max Manager');
    const bad = await patch(e.id, { version: 4, managerId: w.ceo.id, effectiveDate: '2020-01-01' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.[0]?.path).toBe('effectiveDate');
  });

  it('refuses a manager loop, direct or through reports', async () => {
    const self = await patch(w.mgr.id, { version: await version(w.mgr.id), managerId: w.mgr.id });
    expect(self.status).toBe(422);
    expect(self.body).toMatchObject({ type: problem('manager-loop') });
    const deep = await patch(w.mgr.id, { version: await version(w.mgr.id), managerId: w.sub.id });
    expect(deep.status).toBe(422);
    expect(deep.body.errors?.[0]?.path).toBe('managerId');
  });

  it('concurrent changes cannot make a loop together (checked under one reporting-tree lock)', async () => {
    for (let round = 0; round < 4; round++) {
      // c reports to b. Concurrently: a goes under c, and b goes under a: together a → c → b → a.
      const a = await createEmployee(t, w.admin.token, {});
      const b = await createEmployee(t, w.admin.token, {});
      const c = await createEmployee(t, w.admin.token, { managerId: b.id });
      const results = await Promise.all([
        patch(a.id, { version: 1, managerId: c.id }),
        patch(b.id, { version: 1, managerId: a.id }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
      const loops = await t.db
        .selectFrom('hr.employees')
        .select('id')
        .where('id', 'in', [a.id, b.id, c.id])
        .where('manager_id', 'is not', null)
        .execute();
      expect(loops.length).toBe(2);
    }
  });

  it('a manager changes the job placement of reports only; you change your own contact details only', async () => {
    const sub = await patch(
      w.sub.id,
      { version: await version(w.sub.id), positionId: w.positionId, managerId: w.mgr.id },
      w.mgr.token,
    );
    expect(sub.status).toBe(200);
    const personal = await patch(
      w.sub.id,
      { version: await version(w.sub.id), birthDate: '1980-01-01', firstName: 'X' },
      w.mgr.token,
    );
    expect(personal.status).toBe(403);
    expect(personal.body.errors?.map((e) => e.path).sort()).toEqual(['birthDate', 'firstName']);
    const outOfTeam = await patch(w.sub.id, { version: await version(w.sub.id), managerId: w.other.id }, w.mgr.token);
    expect(outOfTeam.status).toBe(422);
    const notMine = await patch(w.other.id, { version: await version(w.other.id), workPhone: '123' }, w.mgr.token);
    expect(notMine.status).toBe(403);
    const own = await patch(
      w.emp.id,
      { version: await version(w.emp.id), personalPhone: '+44 20 1234 5678' },
      w.emp.token,
    );
    expect(own.status).toBe(200);
    const ownJob = await patch(w.emp.id, { version: await version(w.emp.id), managerId: w.ceo.id }, w.emp.token);
    expect(ownJob.status).toBe(403);
  });
});

describe('the directory', () => {
  it('searches, filters, sorts and pages', async () => {
    for (const last of ['Zulu', 'Alpha', 'Mike'])
      await createEmployee(t, w.admin.token, { firstName: 'Pager', lastName: last, locationId: w.locationId });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${HR}/employees?q=pager&locationId=${w.locationId}&limit=2&sort=-lastName${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.request<Page<{ lastName: string }>>('GET', url, { token: w.emp.token });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((e) => e.lastName));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Zulu', 'Mike', 'Alpha']);
    const reports = await t.request<Page<{ id: string }>>('GET', `${HR}/employees?managerId=${w.ceo.id}`, {
      token: w.emp.token,
    });
    expect(reports.body.items.map((e) => e.id)).toEqual(expect.arrayContaining([w.mgr.id, w.payMgr.id, w.other.id]));
    expect((await t.request('GET', `${HR}/employees?sort=birthDate`, { token: w.emp.token })).status).toBe(422);
    expect((await t.request('GET', `${HR}/employees?status=gone`, { token: w.emp.token })).status).toBe(422);
  });
});
