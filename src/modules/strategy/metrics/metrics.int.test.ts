import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../../platform/money/money.js';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import {
  S,
  addKeyResult,
  createCycle,
  createObjective,
  evaluate,
  expectStatus,
  issueInvoice,
  objective,
  type KeyResultBody,
  type Person,
  type SnapshotBody,
} from '../strategy.test-support.js';
import { today } from '../../../platform/dates.js';
import { workRegistry } from '../../../app/jobs.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { enqueueJob } from '../../../platform/jobs/enqueue.js';
import { drainJobs } from '../../../platform/jobs/local-worker.js';
import { evaluateKeyResultsJob } from '../strategy.jobs.js';

let t: TestApp;
let admin: Person;
let employee: Person;
let customer: string;
beforeAll(async () => {
  t = await createTestApp();
  [admin, employee] = await Promise.all([t.userWithRoles(['admin']), t.userWithRoles(['employee'])]);
  customer = expectStatus(
    await t.request<{ id: string }>('POST', '/api/v1/finance/parties', {
      token: admin.token,
      body: { kind: 'customer', name: 'Strategy Client Ltd' },
    }),
    201,
  ).id;
});
afterAll(() => t.close());

interface MetricEval {
  value: string | null;
  unit: string;
  currency: string | null;
  asOf: string;
}

describe('the metrics registry', () => {
  it('lists the metrics the caller may see, with their parameters', async () => {
    const all = expectStatus(
      await t.request<{ items: { key: string; unit: string; permission: string; parameters: object }[] }>(
        'GET',
        `${S}/metrics`,
        { token: admin.token },
      ),
      200,
    );
    const keys = all.items.map((m) => m.key);
    for (const key of [
      'finance.revenue',
      'finance.operatingExpenses',
      'finance.cashBalance',
      'finance.receivablesOverdue',
      'crm.wonAmount',
      'crm.winRate',
      'crm.pipelineValue',
      'crm.newLeads',
      'hr.headcount',
      'hr.attrition',
      'projects.onTimeMilestoneRate',
      'projects.budgetBurn',
      'supply.inventoryValue',
      'supply.stockOuts',
      'supply.onTimeDeliveryRate',
    ])
      expect(keys).toContain(key);
    expect(all.items.find((m) => m.key === 'finance.revenue')).toMatchObject({
      unit: 'money',
      permission: 'finance:read',
    });
    const mine = expectStatus(
      await t.request<{ items: { key: string }[] }>('GET', `${S}/metrics`, { token: employee.token }),
      200,
    ).items.map((m) => m.key);
    expect(mine).toContain('hr.headcount');
    expect(mine).not.toContain('finance.revenue');
  });

  it('evaluates every metric (value, unit, as-of), and refuses what does not fit', async () => {
    const all = expectStatus(
      await t.request<{ items: { key: string; unit: string }[] }>('GET', `${S}/metrics`, { token: admin.token }),
      200,
    ).items;
    for (const m of all.filter((m) => m.key !== 'projects.budgetBurn')) {
      const res = expectStatus(
        await t.request<MetricEval>('POST', `${S}/metrics/${m.key}/evaluate`, {
          token: admin.token,
          body: { from: '2026-01-01', to: today() },
        }),
        200,
      );
      expect(res.unit).toBe(m.unit);
      expect(res.asOf).toMatch(/^\d{4}-/);
      if (m.unit === 'money') expect(res.currency).toMatch(/^[A-Z]{3}$/);
      if (res.value !== null) expect(res.value).toMatch(/^-?\d+(\.\d+)?$/);
    }
    const ev = (key: string, body: Record<string, unknown>, token = admin.token) =>
      t.request<{ type: string }>('POST', `${S}/metrics/${key}/evaluate`, { token, body });
    expect((await ev('finance.revenue', { from: '2026-01-01', to: '2026-02-01' }, employee.token)).status).toBe(403);
    expect((await ev('nope.metric', { from: '2026-01-01', to: '2026-02-01' })).status).toBe(404);
    expect((await ev('finance.revenue', { from: '2026-03-01', to: '2026-02-01' })).status).toBe(422);
    const bad = await ev('finance.revenue', { from: '2026-01-01', to: '2026-02-01', params: { nope: 1 } });
    expect(bad.status).toBe(422);
    expect((await ev('projects.budgetBurn', { from: '2026-01-01', to: '2026-02-01' })).status).toBe(422);
  });
});

describe('a revenue-bound key result', () => {
  let cycleId: string;
  let objectiveId: string;
  let kr: KeyResultBody;
  let base: Money;

  beforeAll(async () => {
    cycleId = (await createCycle(t, admin.token)).id;
    objectiveId = (await createObjective(t, admin.token, { cycleId, level: 'company', title: 'Sell more' })).id;
    const before = expectStatus(
      await t.request<MetricEval>('POST', `${S}/metrics/finance.revenue/evaluate`, {
        token: admin.token,
        body: { from: '1900-01-01', to: today() },
      }),
      200,
    );
    base = new Money(before.value!);
    kr = await addKeyResult(t, admin.token, objectiveId, {
      kind: 'metric',
      metricKey: 'finance.revenue',
      startValue: '0',
      targetValue: base.plus(4000).toFixed(2),
    });
  });

  it('moves when an invoice is issued and the key result is evaluated again', async () => {
    const first = await evaluate(t, admin.token, kr.id);
    expect(first.source).toBe('on-demand');
    await issueInvoice(t, admin.token, customer, '1000.00');
    // Not before the next evaluation: the value is the latest snapshot's.
    expect((await objective(t, admin.token, objectiveId)).keyResults[0]!.value).toBe(first.value);
    const second = await evaluate(t, admin.token, kr.id);
    expect(new Money(second.value!).minus(first.value!).toFixed(2)).toBe('1000.00');
    const shown = (await objective(t, admin.token, objectiveId)).keyResults[0]!;
    expect(shown.value).toBe(second.value);
    expect(shown.progress).toBe(new Money(second.value!).times(100).div(base.plus(4000)).toFixed(2));
    expect(shown.metric?.currency).toMatch(/^[A-Z]{3}$/);

    const history = expectStatus(
      await t.request<{ items: SnapshotBody[] }>('GET', `${S}/key-results/${kr.id}/snapshots`, { token: admin.token }),
      200,
    );
    expect(history.items.map((s) => s.id)).toEqual([first.id, second.id]);
  });

  it('shows its progress but not its value to someone without finance:read', async () => {
    const mine = (await objective(t, admin.token, objectiveId)).keyResults[0]!;
    const theirs = (await objective(t, employee.token, objectiveId)).keyResults[0]!;
    expect(theirs).toMatchObject({
      value: null,
      startValue: null,
      targetValue: null,
      valueVisible: false,
      progress: mine.progress,
    });
    expect(theirs.metric?.currency).toBeNull();
    expect(mine.value).not.toBeNull();
    const history = expectStatus(
      await t.request<{ valueVisible: boolean; items: SnapshotBody[] }>('GET', `${S}/key-results/${kr.id}/snapshots`, {
        token: employee.token,
      }),
      200,
    );
    expect(history.valueVisible).toBe(false);
    expect(history.items.length).toBeGreaterThan(0);
    expect(history.items.every((s) => s.value === null && s.progress !== null)).toBe(true);
  });

  it('is evaluated by the nightly job (03:16 UTC), which keeps a snapshot of its own', async () => {
    expect(workRegistry.schedules.get('strategy.nightly-evaluation')).toMatchObject({
      cron: '16 3 * * *',
      job: evaluateKeyResultsJob,
    });
    const job = await inTransaction(t.db, (trx) =>
      enqueueJob(trx, { type: evaluateKeyResultsJob, payload: {}, createdBy: null }),
    );
    const runs = (await drainJobs(t.db, workRegistry)).filter((r) => r.jobId === job.id);
    expect(runs).toHaveLength(1);
    const history = expectStatus(
      await t.request<{ items: SnapshotBody[] }>('GET', `${S}/key-results/${kr.id}/snapshots`, { token: admin.token }),
      200,
    ).items;
    expect(history.at(-1)).toMatchObject({ source: 'schedule', value: history.at(-2)!.value });
    const done = await t.db
      .selectFrom('platform.jobs')
      .select(['status', 'result'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(done.status).toBe('succeeded');
  });

  it('keeps snapshots immutable', async () => {
    await expect(sql`update strategy.snapshots set value = 1`.execute(t.db)).rejects.toThrow(/immutable/);
    await expect(sql`delete from strategy.snapshots`.execute(t.db)).rejects.toThrow(/immutable/);
  });

  it('freezes the scores at close, with the snapshots behind them; closing again is a 409', async () => {
    const scores = expectStatus(
      await t.request<{
        items: {
          objectiveId: string;
          keyResultId: string | null;
          progress: string;
          value: string | null;
          snapshotId: string | null;
        }[];
      }>('POST', `${S}/cycles/${cycleId}/close`, { token: admin.token }),
      200,
    );
    const krScore = scores.items.find((s) => s.keyResultId === kr.id)!;
    const objScore = scores.items.find((s) => s.objectiveId === objectiveId && s.keyResultId === null)!;
    expect(krScore.snapshotId).not.toBeNull();
    const history = expectStatus(
      await t.request<{ items: SnapshotBody[] }>('GET', `${S}/key-results/${kr.id}/snapshots`, { token: admin.token }),
      200,
    ).items;
    const closing = history.at(-1)!;
    expect(closing).toMatchObject({ id: krScore.snapshotId, source: 'close', progress: krScore.progress });
    expect(krScore.value).toBe(closing.value);
    expect(objScore.progress).toBe(krScore.progress);

    const again = await t.request<{ type: string }>('POST', `${S}/cycles/${cycleId}/close`, { token: admin.token });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/cycle-closed$/);
    expect((await t.request('POST', `${S}/key-results/${kr.id}/evaluate`, { token: admin.token })).status).toBe(409);
    expect(
      (await t.request('POST', `${S}/objectives`, { token: admin.token, body: { cycleId, title: 'Late' } })).status,
    ).toBe(409);

    // New revenue changes nothing frozen.
    await issueInvoice(t, admin.token, customer, '500.00');
    const later = expectStatus(
      await t.request<{ items: typeof scores.items }>('GET', `${S}/cycles/${cycleId}/scores`, { token: admin.token }),
      200,
    );
    expect(later.items).toEqual(scores.items);
    await expect(sql`update strategy.scores set progress = 0`.execute(t.db)).rejects.toThrow(/immutable/);
    const hidden = expectStatus(
      await t.request<{ items: typeof scores.items }>('GET', `${S}/cycles/${cycleId}/scores`, {
        token: employee.token,
      }),
      200,
    );
    expect(hidden.items.find((s) => s.keyResultId === kr.id)).toMatchObject({
      value: null,
      progress: krScore.progress,
    });
  });
});

describe('KPIs', () => {
  it('says red, amber or green on a metric; the value only to those who may see it', async () => {
    const cycleId = (await createCycle(t, admin.token)).id;
    const revenue = new Money(
      expectStatus(
        await t.request<MetricEval>('POST', `${S}/metrics/finance.revenue/evaluate`, {
          token: admin.token,
          body: {
            from: (await t.request<{ startDate: string }>('GET', `${S}/cycles/${cycleId}`, { token: admin.token })).body
              .startDate,
            to: today(),
          },
        }),
        200,
      ).value!,
    );
    const kpi = expectStatus(
      await t.request<{ id: string }>('POST', `${S}/kpis`, {
        token: admin.token,
        body: {
          cycleId,
          name: 'Revenue',
          metricKey: 'finance.revenue',
          perspective: 'financial',
          target: revenue.plus(100).toFixed(2),
          green: revenue.plus(100).toFixed(2),
          amber: revenue.toFixed(2),
        },
      }),
      201,
    );
    const status = expectStatus(
      await t.request<{ value: string | null; rag: string }>('POST', `${S}/kpis/${kpi.id}/evaluate`, {
        token: admin.token,
      }),
      200,
    );
    expect(status).toMatchObject({ value: revenue.toFixed(2), rag: 'amber' });
    const theirs = expectStatus(
      await t.request<{ value: string | null; rag: string }>('POST', `${S}/kpis/${kpi.id}/evaluate`, {
        token: employee.token,
      }),
      200,
    );
    expect(theirs).toMatchObject({ value: null, rag: 'amber' });
    const card = expectStatus(
      await t.request<{ perspectives: { perspective: string; kpis: { id: string }[]; objectives: unknown[] }[] }>(
        'GET',
        `${S}/cycles/${cycleId}/scorecard`,
        { token: employee.token },
      ),
      200,
    );
    expect(card.perspectives.map((p) => p.perspective)).toEqual([
      'financial',
      'customer',
      'internal-process',
      'learning-growth',
    ]);
    expect(card.perspectives[0]!.kpis.map((k) => k.id)).toEqual([kpi.id]);
    const bad = await t.request('POST', `${S}/kpis`, {
      token: admin.token,
      body: { cycleId, name: 'x', metricKey: 'finance.revenue', target: '10', green: '5', amber: '8' },
    });
    expect(bad.status).toBe(422);
  });
});

describe('gross margin and absence rate, against hand-computed data', () => {
  const ev = async (key: string, from: string, to: string, params: Record<string, unknown> = {}) =>
    expectStatus(
      await t.request<MetricEval>('POST', `${S}/metrics/${key}/evaluate`, {
        token: admin.token,
        body: { from, to, params },
      }),
      200,
    );

  it('gross margin: (revenue − cost of goods sold) / revenue of the period, by department too', async () => {
    const accounts = Object.fromEntries(
      expectStatus(
        await t.request<{ items: { id: string; code: string }[] }>('GET', '/api/v1/finance/accounts', {
          token: admin.token,
        }),
        200,
      ).items.map((a) => [a.code, a.id]),
    );
    const post = async (date: string, debit: string, credit: string, amount: string, department?: string) =>
      expectStatus(
        await t.request('POST', '/api/v1/finance/journal-entries', {
          token: admin.token,
          body: {
            date,
            reference: 'GM',
            memo: 'gross margin test',
            post: true,
            lines: [
              { accountId: accounts[debit], debit: amount, ...(department ? { department } : {}) },
              { accountId: accounts[credit], credit: amount, ...(department ? { department } : {}) },
            ],
          },
        }),
        201,
      );
    // May 2030: sales 1000 + services 500 (gm-north); COGS 600 + 100 (gm-north); salaries 200 (not COGS).
    await post('2030-05-03', '1200', '4100', '1000.00');
    await post('2030-05-10', '1200', '4200', '500.00', 'gm-north');
    await post('2030-05-20', '5100', '1400', '600.00');
    await post('2030-05-22', '5100', '1400', '100.00', 'gm-north');
    await post('2030-05-21', '6100', '1200', '200.00');
    await post('2030-06-01', '1200', '4100', '9999.00'); // after the period
    // (1500 − 700) / 1500 = 53.33 %; gm-north: (500 − 100) / 500 = 80 %.
    expect(await ev('finance.grossMargin', '2030-05-01', '2030-05-31')).toMatchObject({
      value: '53.33',
      unit: 'percent',
    });
    expect((await ev('finance.grossMargin', '2030-05-01', '2030-05-31', { department: 'gm-north' })).value).toBe(
      '80.00',
    );
    // No revenue: nothing to measure.
    expect((await ev('finance.grossMargin', '2030-07-01', '2030-07-31')).value).toBeNull();
  });

  it("absence rate: working days lost to approved leave over the employed people's working days", async () => {
    const department = 'Absence rate test';
    const dept = await t.db
      .insertInto('hr.departments')
      .values({ name: department })
      .returning('id')
      .executeTakeFirstOrThrow();
    const location = await t.db
      .insertInto('hr.locations')
      .values({ name: 'Absence office', country_code: 'GB', address: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('hr.public_holidays')
      .values({ location_id: location.id, date: '2030-03-12', name: 'A holiday', created_by: null })
      .execute();
    let n = 0;
    const employee = async (startDate: string, endDate: string | null, locationId: string | null) =>
      (
        await t.db
          .insertInto('hr.employees')
          .values({
            first_name: 'Absent',
            last_name: `Person${++n}`,
            work_email: `absent${n}-${Date.now()}@example.com`,
            home_address: null,
            start_date: startDate,
            end_date: endDate,
            status: endDate ? 'terminated' : 'active',
            manager_id: null,
            location_id: locationId,
            department_id: dept.id,
            user_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const type = await t.db
      .insertInto('hr.leave_types')
      .values({ code: 'absence-test', name: 'Absence test', yearly_allowance: '30' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const leave = async (
      employeeId: string,
      startDate: string,
      endDate: string,
      days: string,
      status: 'approved' | 'submitted',
      portions: { start_portion?: 'pm'; end_portion?: 'am' } = {},
    ) =>
      t.db
        .insertInto('hr.leave_requests')
        .values({
          employee_id: employeeId,
          leave_type_id: type.id,
          start_date: startDate,
          end_date: endDate,
          days,
          status,
          reason: null,
          submitted_at: null,
          decided_by: null,
          decided_at: null,
          decision_comment: null,
          cancelled_by: null,
          cancelled_at: null,
          created_by: null,
          ...portions,
        })
        .execute();
    // March 2030 has 21 weekdays. A: all month at the office (holiday Tue 12th): 20 working days.
    // B: from Mon 18th, no location: 10. C left in February: not counted. 30 working days in all.
    const a = await employee('2020-01-01', null, location.id);
    const b = await employee('2030-03-18', null, null);
    const c = await employee('2020-01-01', '2030-02-28', null);
    await leave(a, '2030-02-27', '2030-03-01', '3', 'approved'); // Fri 1st in the period: 1
    await leave(a, '2030-03-11', '2030-03-13', '2', 'approved'); // Mon, (holiday), Wed: 2
    await leave(b, '2030-03-29', '2030-04-02', '2.5', 'approved', { start_portion: 'pm' }); // Fri afternoon: 0.5
    await leave(b, '2030-03-20', '2030-03-20', '1', 'submitted'); // not approved: not counted
    await leave(c, '2030-02-25', '2030-02-26', '2', 'approved'); // before the period
    // 3.5 / 30 = 11.67 %.
    expect(await ev('hr.absenceRate', '2030-03-01', '2030-03-31', { department })).toMatchObject({
      value: '11.67',
      unit: 'percent',
    });
    // The first week only: A 5 days (Fri 1st .. Thu 7th: 5 weekdays) with 1 lost; B not yet employed: 20 %.
    expect((await ev('hr.absenceRate', '2030-03-01', '2030-03-07', { department })).value).toBe('20.00');
    expect((await ev('hr.absenceRate', '2030-03-01', '2030-03-31', { department: 'No such dept' })).value).toBeNull();
  });
});
