import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { CRM, crmPeople, type CrmPeople } from '../crm.test-support.js';

interface Stage {
  id: string;
  name: string;
  position: number;
  probability: number;
  isWon: boolean;
  isLost: boolean;
}
interface PipelineBody {
  id: string;
  name: string;
  isDefault: boolean;
  stages: Stage[];
}
interface Opp {
  id: string;
  name: string;
  stageId: string;
  position: number;
  probability: number;
  status: string;
  closeReason: string | null;
  amount: string;
  version: number;
  ownerName?: string | null;
  organizationName?: string | null;
  errors?: { path: string }[];
}
interface BoardBody {
  stages: (Stage & { opportunities: Opp[] })[];
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

const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!;
const create = (body: Record<string, unknown>, token = p.repA.token) =>
  t.request<Opp>('POST', `${CRM}/opportunities`, { token, body: { currency: 'EUR', ...body } });
const move = (o: Opp, stageId: string, position: number, extra: Record<string, unknown> = {}, token = p.repA.token) =>
  t.request<Opp>('POST', `${CRM}/opportunities/${o.id}/move`, {
    token,
    body: { version: o.version, stageId, position, ...extra },
  });
const board = async (token = p.repA.token) =>
  (await t.request<BoardBody>('GET', `${CRM}/pipelines/${pipeline.id}/board`, { token })).body;
const namesIn = (b: BoardBody, stageName: string) =>
  b.stages.find((s) => s.name === stageName)!.opportunities.map((o) => o.name);

describe('pipelines and opportunities', () => {
  it('creates the default pipeline once, with ordered stages', async () => {
    expect(pipeline.stages.map((s) => s.name)).toEqual([
      'Prospecting',
      'Qualification',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    const again = await t.request<{ items: PipelineBody[] }>('GET', `${CRM}/pipelines`, { token: p.repB.token });
    expect(again.body.items.filter((x) => x.isDefault)).toHaveLength(1);
  });

  it('creates opportunities with decimal amounts at the end of the first stage', async () => {
    const a = await create({ name: 'Deal A', amount: '1000.1' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ stageId: stage('Prospecting').id, position: 0, probability: 10, amount: '1000.10' });
    expect(a.headers.get('location')).toBe(`/api/v1/crm/opportunities/${a.body.id}`);
    const b = await create({ name: 'Deal B', amount: '0.00005' });
    expect(b.status).toBe(422);
    expect(b.body.errors?.[0]?.path).toBe('amount');
    const c = await create({ name: 'Deal C', amount: 1000 });
    expect(c.status).toBe(422);
    const leadingZeros = await create({ name: 'Deal E', amount: '007' });
    expect(leadingZeros.status).toBe(422);
    expect(leadingZeros.body.errors?.[0]?.path).toBe('amount');
    const wrongStage = await create({ name: 'Deal D', stageId: '00000000-0000-4000-8000-000000000000' });
    expect(wrongStage.status).toBe(422);
    expect(wrongStage.body.errors?.[0]?.path).toBe('stageId');
  });

  it('moves between stages and within a stage: the board keeps order, history keeps timestamps', async () => {
    const s = stage('Proposal').id;
    const x = (await create({ name: 'X', stageId: s })).body;
    const y = (await create({ name: 'Y', stageId: s })).body;
    const z = (await create({ name: 'Z', stageId: s })).body;
    expect([x.position, y.position, z.position]).toEqual([0, 1, 2]);
    expect(namesIn(await board(), 'Proposal')).toEqual(['X', 'Y', 'Z']);

    const zTop = await move(z, s, 0);
    expect(zTop.status).toBe(200);
    expect(namesIn(await board(), 'Proposal')).toEqual(['Z', 'X', 'Y']);

    const xOut = await move({ ...x }, stage('Negotiation').id, 5);
    expect(xOut.body).toMatchObject({ stageId: stage('Negotiation').id, position: 0, probability: 75 });
    const after = await board();
    expect(namesIn(after, 'Proposal')).toEqual(['Z', 'Y']);
    expect(after.stages.find((st) => st.name === 'Proposal')!.opportunities.map((o) => o.position)).toEqual([0, 1]);

    const stale = await move(x, s, 0);
    expect(stale.status).toBe(409);

    const history = await t.request<{ items: { fromStageId: string | null; toStageId: string; changedAt: string }[] }>(
      'GET',
      `${CRM}/opportunities/${x.id}/stage-history`,
      { token: p.repA.token },
    );
    expect(history.body.items.map((h) => [h.fromStageId, h.toStageId])).toEqual([
      [null, s],
      [s, stage('Negotiation').id],
    ]);
    expect(history.body.items[0]!.changedAt <= history.body.items[1]!.changedAt).toBe(true);
  });

  it('wins and loses with a reason; lost needs one; closed deals reopen by moving back', async () => {
    const w = (await create({ name: 'Winner' })).body;
    const won = await t.request<Opp>('POST', `${CRM}/opportunities/${w.id}/win`, {
      token: p.repA.token,
      body: { version: w.version, reason: 'Best price' },
    });
    expect(won.body).toMatchObject({
      status: 'won',
      stageId: stage('Won').id,
      probability: 100,
      closeReason: 'Best price',
    });
    const twice = await t.request('POST', `${CRM}/opportunities/${w.id}/lose`, {
      token: p.repA.token,
      body: { version: won.body.version, reason: 'x' },
    });
    expect(twice.status).toBe(409);

    const l = (await create({ name: 'Loser' })).body;
    const noReason = await t.request<Opp>('POST', `${CRM}/opportunities/${l.id}/lose`, {
      token: p.repA.token,
      body: { version: l.version },
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors?.[0]?.path).toBe('reason');
    const moveLost = await move(l, stage('Lost').id, 0);
    expect(moveLost.status).toBe(422);
    const lost = await move(l, stage('Lost').id, 0, { reason: 'Went with a competitor' });
    expect(lost.body).toMatchObject({ status: 'lost', probability: 0, closeReason: 'Went with a competitor' });
    const reopened = await move(lost.body, stage('Qualification').id, 0);
    expect(reopened.body).toMatchObject({ status: 'open', closeReason: null, probability: 25 });
  });

  it('shows each rep only their own opportunities on the board; the manager sees the team', async () => {
    await create({ name: 'B only', stageId: stage('Negotiation').id }, p.repB.token);
    expect(namesIn(await board(p.repA.token), 'Negotiation')).not.toContain('B only');
    expect(namesIn(await board(p.repB.token), 'Negotiation')).toEqual(['B only']);
    expect(namesIn(await board(p.manager.token), 'Negotiation')).toEqual(['X']);
    expect(namesIn(await board(p.admin.token), 'Negotiation').sort()).toEqual(['B only', 'X']);
    const list = await t.request<{ items: Opp[] }>('GET', `${CRM}/opportunities?q=only`, { token: p.repA.token });
    expect(list.body.items).toHaveLength(0);
  });

  it('lets only crm:admin create pipelines, validating stages', async () => {
    const body = {
      name: 'Renewals',
      stages: [
        { name: 'Due', probability: 50 },
        { name: 'Renewed', probability: 100, isWon: true },
        { name: 'Churned', probability: 0, isLost: true },
      ],
    };
    expect((await t.request('POST', `${CRM}/pipelines`, { token: p.repA.token, body })).status).toBe(403);
    const res = await t.request<PipelineBody>('POST', `${CRM}/pipelines`, { token: p.admin.token, body });
    expect(res.status).toBe(201);
    expect(res.body.stages.map((s) => s.position)).toEqual([0, 1, 2]);
    const bad = await t.request<{ errors: { path: string }[] }>('POST', `${CRM}/pipelines`, {
      token: p.admin.token,
      body: {
        name: 'Bad',
        stages: [
          { name: 'A', probability: 150 },
          { name: 'A', probability: 1 },
          { name: 'C', probability: 1 },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['stages.0.probability', 'stages']));

    const opp = (await create({ name: 'Renewal', pipelineId: res.body.id })).body;
    const cross = await move(opp, stage('Won').id, 0);
    expect(cross.status).toBe(422);
  });

  it('forecasts the open pipeline by month and currency, weighted by probability, in decimals', async () => {
    const fresh = await t.request<PipelineBody>('POST', `${CRM}/pipelines`, {
      token: p.admin.token,
      body: {
        name: 'Forecast',
        stages: [
          { name: 'Early', probability: 10 },
          { name: 'Late', probability: 90 },
          { name: 'Won', probability: 100, isWon: true },
          { name: 'Lost', probability: 0, isLost: true },
        ],
      },
    });
    const [early, late] = fresh.body.stages;
    const base = { pipelineId: fresh.body.id, expectedCloseDate: '2027-01-15' };
    await create({ ...base, name: 'F1', stageId: early!.id, amount: '100.10' });
    await create({ ...base, name: 'F2', stageId: late!.id, amount: '0.30' });
    await create({ ...base, name: 'F3', stageId: late!.id, amount: '50', currency: 'USD' });
    await create({ ...base, name: 'F4', stageId: late!.id, amount: '999', expectedCloseDate: null }, p.repB.token);
    const res = await t.request<{ items: unknown[] }>('GET', `${CRM}/pipelines/${fresh.body.id}/forecast`, {
      token: p.repA.token,
    });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { month: '2027-01', currency: 'EUR', count: 2, amount: '100.40', weightedAmount: '10.28' },
      { month: '2027-01', currency: 'USD', count: 1, amount: '50.00', weightedAmount: '45.00' },
    ]);
  });

  it('keeps positions dense when many moves into one stage run at once', async () => {
    const target = stage('Qualification').id;
    const before = (await board(p.admin.token)).stages.find((st) => st.id === target)!.opportunities.length;
    const opps = await Promise.all(
      Array.from({ length: 6 }, (_, i) => create({ name: `Conc ${i}`, stageId: stage('Prospecting').id })),
    );
    const moves = await Promise.all(opps.map((o, i) => move(o.body, target, i % 2 === 0 ? 0 : 99)));
    expect(moves.map((m) => m.status)).toEqual(Array(6).fill(200));
    const after = await board(p.admin.token);
    for (const st of after.stages) {
      expect(st.opportunities.map((o) => o.position)).toEqual(st.opportunities.map((_, i) => i));
    }
    expect(after.stages.find((st) => st.id === target)!.opportunities).toHaveLength(before + 6);
  });

  it('shows each stage’s count and its first `limit` opportunities in position order', async () => {
    const fresh = await t.request<PipelineBody>('POST', `${CRM}/pipelines`, {
      token: p.admin.token,
      body: {
        name: 'Board limit',
        stages: [
          { name: 'Open', probability: 20 },
          { name: 'Won', probability: 100, isWon: true },
          { name: 'Lost', probability: 0, isLost: true },
        ],
      },
    });
    const base = { pipelineId: fresh.body.id };
    for (const name of ['L1', 'L2', 'L3']) await create({ ...base, name });
    await create({ ...base, name: 'LB' }, p.repB.token);
    type LimitedBoard = { stages: { name: string; total: number; opportunities: { name: string }[] }[] };
    const get = async (query: string, token = p.admin.token) =>
      (await t.request<LimitedBoard>('GET', `${CRM}/pipelines/${fresh.body.id}/board?${query}`, { token })).body;
    const limited = await get('limit=2');
    expect(limited.stages.map((s) => [s.name, s.total, s.opportunities.map((o) => o.name)])).toEqual([
      ['Open', 4, ['L1', 'L2']],
      ['Won', 0, []],
      ['Lost', 0, []],
    ]);
    const mine = await get('limit=2', p.repA.token);
    expect(mine.stages[0]).toMatchObject({ total: 3, opportunities: [{ name: 'L1' }, { name: 'L2' }] });
    const theirs = await get(`ownerId=${p.repB.id}`);
    expect(theirs.stages[0]).toMatchObject({ total: 1, opportunities: [{ name: 'LB' }] });
    expect(
      (await t.request('GET', `${CRM}/pipelines/${fresh.body.id}/board?limit=501`, { token: p.admin.token })).status,
    ).toBe(422);
  });
  it('wins without a reason (win and lose have their own request schemas; Opportunity is not nullable)', async () => {
    const o = (await create({ name: 'Quiet win' })).body;
    const won = await t.request<Opp>('POST', `${CRM}/opportunities/${o.id}/win`, {
      token: p.repA.token,
      body: { version: o.version },
    });
    expect(won.status).toBe(200);
    expect(won.body).toMatchObject({ status: 'won', closeReason: null });
    type Schema = { type?: string | string[]; required?: string[]; $ref?: string };
    const doc = await t.request<{
      components: { schemas: Record<string, Schema> };
      paths: Record<string, Record<string, { requestBody: { content: { 'application/json': { schema: Schema } } } }>>;
    }>('GET', '/api/openapi.json');
    const { schemas } = doc.body.components;
    expect(schemas.Opportunity?.type).toBe('object');
    const body = (path: string) =>
      doc.body.paths[`/api/v1/crm${path}`]!.post!.requestBody.content['application/json'].schema;
    expect(body('/opportunities/{id}/win')).toEqual({ $ref: '#/components/schemas/WinOpportunityRequest' });
    expect(body('/opportunities/{id}/lose')).toEqual({ $ref: '#/components/schemas/LoseOpportunityRequest' });
    expect(schemas.WinOpportunityRequest?.required).toEqual(['version']);
    expect(schemas.LoseOpportunityRequest?.required).toEqual(['version', 'reason']);
  });

  it('answers owner and organization names (the organization only when visible) on gets, lists and the board', async () => {
    const org = await t.request<{ id: string }>('POST', `${CRM}/organizations`, {
      token: p.repA.token,
      body: { name: 'Named Org' },
    });
    const o = await create({ name: 'Named deal', organizationId: org.body.id, stageId: stage('Proposal').id });
    expect(o.body).toMatchObject({ ownerName: p.repA.name, organizationName: 'Named Org' });
    const got = await t.request<Opp>('GET', `${CRM}/opportunities/${o.body.id}`, { token: p.manager.token });
    expect(got.body).toMatchObject({ ownerName: p.repA.name, organizationName: 'Named Org' });
    const list = await t.request<{ items: Opp[] }>('GET', `${CRM}/opportunities?q=named%20deal`, {
      token: p.repA.token,
    });
    expect(list.body.items).toMatchObject([{ ownerName: p.repA.name, organizationName: 'Named Org' }]);
    const card = (await board()).stages.flatMap((st) => st.opportunities).find((x) => x.id === o.body.id);
    expect(card).toMatchObject({ ownerName: p.repA.name, organizationName: 'Named Org' });
    // Given to rep B, the organization (still rep A's) is not visible to B: its name is not answered.
    const moved = await t.request<Opp>('PATCH', `${CRM}/opportunities/${o.body.id}`, {
      token: p.admin.token,
      body: { version: o.body.version, ownerId: p.repB.id },
    });
    expect(moved.body).toMatchObject({ ownerName: p.repB.name, organizationName: 'Named Org' });
    const asB = await t.request<Opp>('GET', `${CRM}/opportunities/${o.body.id}`, { token: p.repB.token });
    expect(asB.body).toMatchObject({ ownerName: p.repB.name, organizationName: null });
  });

  it('deletes with a version, keeping the stage’s positions dense; audited; only within visibility', async () => {
    const fresh = await t.request<PipelineBody>('POST', `${CRM}/pipelines`, {
      token: p.admin.token,
      body: {
        name: 'Deletions',
        stages: [
          { name: 'Open', probability: 20 },
          { name: 'Won', probability: 100, isWon: true },
          { name: 'Lost', probability: 0, isLost: true },
        ],
      },
    });
    const made: Opp[] = [];
    for (const name of ['D0', 'D1', 'D2', 'D3']) made.push((await create({ pipelineId: fresh.body.id, name })).body);
    const target = made[1]!;
    const del = (id: string, version: number, token = p.repA.token) =>
      t.request('DELETE', `${CRM}/opportunities/${id}?version=${version}`, { token });
    expect((await del(target.id, target.version + 1)).status).toBe(409);
    expect((await del(target.id, target.version, p.repB.token)).status).toBe(404);
    expect((await t.request('DELETE', `${CRM}/opportunities/${target.id}`, { token: p.repA.token })).status).toBe(422);
    expect((await del(target.id, target.version)).status).toBe(204);
    expect((await t.request('GET', `${CRM}/opportunities/${target.id}`, { token: p.repA.token })).status).toBe(404);
    const b = (await t.request<BoardBody>('GET', `${CRM}/pipelines/${fresh.body.id}/board`, { token: p.admin.token }))
      .body;
    expect(b.stages[0]!.opportunities.map((o) => [o.name, o.position])).toEqual([
      ['D0', 0],
      ['D2', 1],
      ['D3', 2],
    ]);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', target.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['opportunity.created', 'opportunity.deleted']);
    const history = await t.db
      .selectFrom('crm.stage_history')
      .select('id')
      .where('opportunity_id', '=', target.id)
      .execute();
    expect(history).toHaveLength(0);
  });

  it('sums each stage’s amounts per currency in SQL and pages one column with stageId + offset', async () => {
    const fresh = await t.request<PipelineBody>('POST', `${CRM}/pipelines`, {
      token: p.admin.token,
      body: {
        name: 'Amounts',
        stages: [
          { name: 'Open', probability: 20 },
          { name: 'Later', probability: 60 },
          { name: 'Won', probability: 100, isWon: true },
          { name: 'Lost', probability: 0, isLost: true },
        ],
      },
    });
    const base = { pipelineId: fresh.body.id };
    await create({ ...base, name: 'A1', amount: '100.10' });
    await create({ ...base, name: 'A2', amount: '0.0001' });
    await create({ ...base, name: 'A3', amount: '999999999999999.99', currency: 'USD' });
    await create({ ...base, name: 'A4', amount: '5' }, p.repB.token);
    type AmountBoard = {
      stages: {
        id: string;
        name: string;
        total: number;
        amountByCurrency: { currency: string; count: number; amount: string }[];
        opportunities: { name: string; position: number }[];
      }[];
    };
    const get = async (query: string, token = p.admin.token) => {
      const res = await t.request<AmountBoard>('GET', `${CRM}/pipelines/${fresh.body.id}/board?${query}`, { token });
      expect(res.status).toBe(200);
      return res.body;
    };
    const all = await get('limit=2');
    expect(all.stages.map((st) => [st.name, st.total, st.amountByCurrency])).toEqual([
      [
        'Open',
        4,
        [
          { currency: 'EUR', count: 3, amount: '105.1001' },
          { currency: 'USD', count: 1, amount: '999999999999999.99' },
        ],
      ],
      ['Later', 0, []],
      ['Won', 0, []],
      ['Lost', 0, []],
    ]);
    expect(all.stages[0]!.opportunities.map((o) => o.name)).toEqual(['A1', 'A2']);
    const mine = await get('', p.repA.token);
    expect(mine.stages[0]!.amountByCurrency).toEqual([
      { currency: 'EUR', count: 2, amount: '100.1001' },
      { currency: 'USD', count: 1, amount: '999999999999999.99' },
    ]);
    const open = all.stages[0]!.id;
    const more = await get(`stageId=${open}&offset=2&limit=2`);
    expect(more.stages.map((st) => st.name)).toEqual(['Open']);
    expect(more.stages[0]).toMatchObject({ total: 4, opportunities: [{ name: 'A3' }, { name: 'A4' }] });
    const other = await t.request<{ errors: { path: string }[] }>(
      'GET',
      `${CRM}/pipelines/${fresh.body.id}/board?stageId=${pipeline.stages[0]!.id}`,
      { token: p.admin.token },
    );
    expect(other.status).toBe(422);
    expect(other.body.errors[0]!.path).toBe('stageId');
  });
});
