import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { CRM, crmPeople, type CrmPeople } from '../crm.test-support.js';

interface Opp {
  id: string;
  stageId: string;
  version: number;
  status: string;
}
interface PipelineBody {
  id: string;
  isDefault: boolean;
  stages: { id: string; name: string; isWon: boolean; isLost: boolean }[];
}

let t: TestApp;
let p: CrmPeople;
let pipeline: PipelineBody;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
  const list = await t.request<{ items: PipelineBody[] }>('GET', `${CRM}/pipelines`, { token: p.repA.token });
  pipeline = list.body.items.find((x) => x.isDefault)!;
});
afterAll(() => t.close());

const open = () => pipeline.stages.filter((s) => !s.isWon && !s.isLost);
const create = async (name: string, amount = '12000.50') => {
  const res = await t.request<Opp>('POST', `${CRM}/opportunities`, {
    token: p.repA.token,
    body: { name, amount, currency: 'EUR' },
  });
  expect(res.status).toBe(201);
  return res.body;
};
/**
 * The events of one opportunity, oldest first, with the start time of the transaction that wrote
 * each (`now()`, which the change also writes as the opportunity's `updated_at`).
 */
const eventsOf = async (type: string, id: string) =>
  (
    await sql<{ payload: Record<string, unknown>; xid: string }>`
      select payload, occurred_at::timestamptz(3)::text as xid from platform.outbox
      where event_type = ${type} and payload->>'opportunityId' = ${id}
      order by occurred_at, id`.execute(t.db)
  ).rows;
const opportunityXid = async (id: string) =>
  (
    await sql<{
      xid: string;
    }>`select updated_at::timestamptz(3)::text as xid from crm.opportunities where id = ${id}`.execute(t.db)
  ).rows[0]!.xid;

describe('CRM opportunity events', () => {
  it('emits crm.opportunity.won once, in the transaction that marks it won, with the amount as a string', async () => {
    const o = await create('Big deal');
    const won = await t.request<Opp>('POST', `${CRM}/opportunities/${o.id}/win`, {
      token: p.repA.token,
      body: { version: o.version },
    });
    expect(won.status).toBe(200);
    const events = await eventsOf('crm.opportunity.won', o.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      opportunityId: o.id,
      name: 'Big deal',
      amount: expect.stringMatching(/^12000\.50*$/) as unknown,
      currency: 'EUR',
      ownerId: p.repA.id,
      organizationId: null,
    });
    expect(events[0]!.xid).toBe(await opportunityXid(o.id));
    const moves = await eventsOf('crm.opportunity.stage-changed', o.id);
    expect(moves.at(-1)!.payload).toMatchObject({ fromStageId: o.stageId, fromStatus: 'open', toStatus: 'won' });
    expect(moves.at(-1)!.xid).toBe(events[0]!.xid);

    // Winning it again is refused and writes nothing.
    const again = await t.request('POST', `${CRM}/opportunities/${o.id}/win`, {
      token: p.repA.token,
      body: { version: won.body.version },
    });
    expect(again.status).toBe(409);
    expect(await eventsOf('crm.opportunity.won', o.id)).toHaveLength(1);
  });

  it('emits crm.opportunity.stage-changed with from/to stage on a move, and nothing on a refused move', async () => {
    const o = await create('Moving deal', '100');
    const [first, second] = open();
    expect(o.stageId).toBe(first!.id);
    const before = (await eventsOf('crm.opportunity.stage-changed', o.id)).length;
    const moved = await t.request<Opp>('POST', `${CRM}/opportunities/${o.id}/move`, {
      token: p.repA.token,
      body: { version: o.version, stageId: second!.id, position: 0 },
    });
    expect(moved.status).toBe(200);
    const events = await eventsOf('crm.opportunity.stage-changed', o.id);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)!.payload).toEqual({
      opportunityId: o.id,
      pipelineId: pipeline.id,
      fromStageId: first!.id,
      toStageId: second!.id,
      fromStatus: 'open',
      toStatus: 'open',
    });
    expect(events.at(-1)!.xid).toBe(await opportunityXid(o.id));

    // A stale version (409) and a lost stage without a reason (4xx) roll back: no event.
    const stale = await t.request('POST', `${CRM}/opportunities/${o.id}/move`, {
      token: p.repA.token,
      body: { version: o.version, stageId: first!.id, position: 0 },
    });
    expect(stale.status).toBe(409);
    const lost = pipeline.stages.find((s) => s.isLost)!;
    const noReason = await t.request('POST', `${CRM}/opportunities/${o.id}/move`, {
      token: p.repA.token,
      body: { version: moved.body.version, stageId: lost.id, position: 0 },
    });
    expect(noReason.status).toBeGreaterThanOrEqual(400);
    expect(noReason.status).toBeLessThan(500);
    // Reordering within the same stage is no stage change either.
    const reorder = await t.request('POST', `${CRM}/opportunities/${o.id}/move`, {
      token: p.repA.token,
      body: { version: moved.body.version, stageId: second!.id, position: 0 },
    });
    expect(reorder.status).toBe(200);
    expect(await eventsOf('crm.opportunity.stage-changed', o.id)).toHaveLength(before + 1);
    expect(await eventsOf('crm.opportunity.won', o.id)).toHaveLength(0);
  });
});
