import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { CRM, crmPeople, type CrmPeople } from '../crm.test-support.js';

interface PipelineBody {
  id: string;
  stages: { id: string; name: string }[];
}
interface Opp {
  id: string;
  version: number;
}

let t: TestApp;
let p: CrmPeople;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
});
afterAll(() => t.close());

async function pipeline(name: string) {
  const res = await t.request<PipelineBody>('POST', `${CRM}/pipelines`, {
    token: p.admin.token,
    body: {
      name,
      stages: [
        { name: 'Early', probability: 10 },
        { name: 'Late', probability: 90 },
        { name: 'Won', probability: 100, isWon: true },
        { name: 'Lost', probability: 0, isLost: true },
      ],
    },
  });
  expect(res.status).toBe(201);
  return res.body;
}

const create = async (body: Record<string, unknown>, token = p.repA.token) => {
  const res = await t.request<Opp>('POST', `${CRM}/opportunities`, { token, body: { currency: 'EUR', ...body } });
  expect(res.status).toBe(201);
  return res.body;
};

/** Creates an opportunity, closes it as `outcome`, then dates its creation and close exactly. */
async function closed(
  pipelineId: string,
  outcome: 'won' | 'lost',
  createdAt: string,
  closedAt: string,
  body: Record<string, unknown> = {},
  token = p.repA.token,
) {
  const o = await create({ name: `${outcome} ${closedAt}`, pipelineId, ...body }, token);
  const res = await t.request(`POST`, `${CRM}/opportunities/${o.id}/${outcome === 'won' ? 'win' : 'lose'}`, {
    token,
    body: { version: o.version, reason: 'test' },
  });
  expect(res.status).toBe(200);
  await sql`update crm.opportunities set created_at = ${createdAt}::timestamptz, closed_at = ${closedAt}::timestamptz
            where id = ${o.id}`.execute(t.db);
  return o;
}

describe('pipeline performance', () => {
  it('gives won, lost, win rate, won amounts per currency and the average sales cycle of a period', async () => {
    const pl = await pipeline('Performance');
    await closed(pl.id, 'won', '2026-01-01T00:00:00Z', '2026-01-11T00:00:00Z', { amount: '100' });
    await closed(pl.id, 'won', '2026-01-05T00:00:00Z', '2026-01-20T12:00:00Z', { amount: '50.5' });
    await closed(pl.id, 'won', '2026-02-01T00:00:00Z', '2026-02-04T00:00:00Z', { amount: '200', currency: 'USD' });
    await closed(pl.id, 'lost', '2025-12-01T00:00:00Z', '2026-01-15T00:00:00Z');
    await closed(pl.id, 'lost', '2026-03-01T00:00:00Z', '2026-03-31T23:59:59.999Z');
    await closed(pl.id, 'won', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', { amount: '999' }); // after the period
    await create({ name: 'Still open', pipelineId: pl.id, amount: '5' });
    const reopened = await closed(pl.id, 'won', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', { amount: '7' });
    const moved = await t.request('POST', `${CRM}/opportunities/${reopened.id}/move`, {
      token: p.repA.token,
      body: { version: reopened.version + 1, stageId: pl.stages[0]!.id },
    });
    expect(moved.status).toBe(200);
    await closed(pl.id, 'won', '2026-01-01T00:00:00Z', '2026-01-31T00:00:00Z', { amount: '1' }, p.repB.token);

    const perf = (query: string, token = p.repA.token) =>
      t.request<Record<string, unknown>>('GET', `${CRM}/pipelines/${pl.id}/performance?${query}`, { token });
    const quarter = await perf('from=2026-01-01&to=2026-03-31');
    expect(quarter.status).toBe(200);
    expect(quarter.body).toEqual({
      pipelineId: pl.id,
      from: '2026-01-01',
      to: '2026-03-31',
      ownerId: null,
      won: 3,
      lost: 2,
      winRate: '0.6000',
      wonAmounts: [
        { currency: 'EUR', count: 2, amount: '150.50' },
        { currency: 'USD', count: 1, amount: '200.00' },
      ],
      averageSalesCycleDays: '9.5',
    });
    const january = await perf('from=2026-01-01&to=2026-01-31');
    expect(january.body).toMatchObject({ won: 2, lost: 1, winRate: '0.6667', averageSalesCycleDays: '12.8' });

    // The manager sees rep A's; the admin sees everyone's and can narrow to one owner.
    expect((await perf('from=2026-01-01&to=2026-03-31', p.manager.token)).body).toMatchObject({ won: 3, lost: 2 });
    expect((await perf('from=2026-01-01&to=2026-03-31', p.admin.token)).body).toMatchObject({ won: 4, lost: 2 });
    const repB = await perf(`from=2026-01-01&to=2026-03-31&ownerId=${p.repB.id}`, p.admin.token);
    expect(repB.body).toMatchObject({ ownerId: p.repB.id, won: 1, lost: 0, winRate: '1.0000' });
    expect((await perf(`from=2026-01-01&to=2026-03-31&ownerId=${p.repB.id}`)).body).toMatchObject({ won: 0 });

    const empty = await perf('from=2030-01-01&to=2030-12-31');
    expect(empty.body).toMatchObject({ won: 0, lost: 0, winRate: null, wonAmounts: [], averageSalesCycleDays: null });
    const backwards = await perf('from=2026-02-01&to=2026-01-01');
    expect(backwards.status).toBe(422);
    expect((backwards.body as { errors: { path: string }[] }).errors[0]!.path).toBe('query.to');
    expect((await perf('to=2026-01-01')).status).toBe(422);
    const unknown = await t.request(
      'GET',
      `${CRM}/pipelines/00000000-0000-4000-8000-000000000000/performance?from=2026-01-01&to=2026-01-02`,
      {
        token: p.repA.token,
      },
    );
    expect(unknown.status).toBe(404);
  });
});

describe('forecast by owner', () => {
  it('splits the weighted open pipeline by owner and currency, and narrows to one owner', async () => {
    const pl = await pipeline('Owners');
    const [early, late] = pl.stages;
    await create({ name: 'A1', pipelineId: pl.id, stageId: early!.id, amount: '100', expectedCloseDate: '2027-02-01' });
    await create({ name: 'A2', pipelineId: pl.id, stageId: late!.id, amount: '200', expectedCloseDate: '2027-03-01' });
    await create(
      { name: 'B1', pipelineId: pl.id, stageId: late!.id, amount: '50', expectedCloseDate: '2027-02-10' },
      p.repB.token,
    );
    const all = await t.request<{ byOwner: unknown[]; items: unknown[] }>('GET', `${CRM}/pipelines/${pl.id}/forecast`, {
      token: p.admin.token,
    });
    expect(all.status).toBe(200);
    const expected = [
      {
        ownerId: p.repA.id,
        ownerName: p.repA.name,
        currency: 'EUR',
        count: 2,
        amount: '300.00',
        weightedAmount: '190.00',
      },
      {
        ownerId: p.repB.id,
        ownerName: p.repB.name,
        currency: 'EUR',
        count: 1,
        amount: '50.00',
        weightedAmount: '45.00',
      },
    ].sort((a, b) => (a.ownerId < b.ownerId ? -1 : 1));
    expect(all.body.byOwner).toEqual(expected);
    const onlyB = await t.request<{ byOwner: unknown[]; items: unknown[] }>(
      'GET',
      `${CRM}/pipelines/${pl.id}/forecast?ownerId=${p.repB.id}`,
      { token: p.admin.token },
    );
    expect(onlyB.body.items).toEqual([
      { month: '2027-02', currency: 'EUR', count: 1, amount: '50.00', weightedAmount: '45.00' },
    ]);
    expect(onlyB.body.byOwner).toEqual([expected.find((e) => e.ownerId === p.repB.id)]);
    const repA = await t.request<{ byOwner: { ownerId: string }[] }>('GET', `${CRM}/pipelines/${pl.id}/forecast`, {
      token: p.repA.token,
    });
    expect(repA.body.byOwner.map((o) => o.ownerId)).toEqual([p.repA.id]);
  });
});
