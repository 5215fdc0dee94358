import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { CRM, crmPeople, type CrmPeople } from '../crm.test-support.js';

interface ActivityBody {
  id: string;
  type: string;
  version: number;
  completedAt: string | null;
  errors?: { path: string }[];
}
interface TimelineBody {
  items: {
    kind: string;
    at: string;
    activity?: { subject: string };
    stageChange?: { toStageId: string };
    change?: { action: string; fields: string[] };
  }[];
}

let t: TestApp;
let p: CrmPeople;
beforeAll(async () => {
  t = await createTestApp();
  p = await crmPeople(t);
});
afterAll(() => t.close());

const post = (body: unknown, token = p.repA.token) =>
  t.request<ActivityBody>('POST', `${CRM}/activities`, { token, body });

describe('activities and timelines', () => {
  it('logs activities on records, completes tasks, and refuses unlinked or invisible links', async () => {
    const contact = await t.request<{ id: string }>('POST', `${CRM}/contacts`, {
      token: p.repA.token,
      body: { firstName: 'Tim', lastName: 'Berners-Lee' },
    });
    const call = await post({ type: 'call', subject: 'Intro call', contactId: contact.body.id });
    expect(call.status).toBe(201);
    const task = await post({
      type: 'task',
      subject: 'Send proposal',
      dueAt: '2026-12-01T09:00:00Z',
      contactId: contact.body.id,
    });
    expect(task.status).toBe(201);

    const open = await t.request<{ items: ActivityBody[] }>('GET', `${CRM}/activities?open=true`, {
      token: p.repA.token,
    });
    expect(open.body.items.map((a) => a.id)).toEqual([task.body.id]);
    const done = await t.request<ActivityBody>('PATCH', `${CRM}/activities/${task.body.id}`, {
      token: p.repA.token,
      body: { version: 1, completed: true },
    });
    expect(done.body.completedAt).not.toBeNull();
    expect(
      (await t.request<{ items: ActivityBody[] }>('GET', `${CRM}/activities?open=true`, { token: p.repA.token })).body
        .items,
    ).toHaveLength(0);

    const unlinked = await post({ type: 'note', subject: 'Floating' });
    expect(unlinked.status).toBe(422);
    expect(unlinked.body.errors?.[0]?.path).toBe('organizationId');
    const invisible = await post({ type: 'note', subject: 'Sneaky', contactId: contact.body.id }, p.repB.token);
    expect(invisible.status).toBe(422);
    expect(invisible.body.errors?.[0]?.path).toBe('contactId');
    const badType = await post({ type: 'fax', subject: 'Old school', contactId: contact.body.id });
    expect(badType.status).toBe(422);
    expect((await t.request('GET', `${CRM}/activities/${call.body.id}`, { token: p.repB.token })).status).toBe(404);
  });

  it('merges activities, stage changes and field changes into an opportunity timeline, newest first', async () => {
    const pipelines = await t.request<{ items: { isDefault: boolean; stages: { id: string; name: string }[] }[] }>(
      'GET',
      `${CRM}/pipelines`,
      { token: p.repA.token },
    );
    const stages = pipelines.body.items.find((x) => x.isDefault)!.stages;
    const opp = await t.request<{ id: string; version: number }>('POST', `${CRM}/opportunities`, {
      token: p.repA.token,
      body: { name: 'Timeline deal', amount: '500', currency: 'USD' },
    });
    await post({ type: 'meeting', subject: 'Kick-off', opportunityId: opp.body.id });
    const moved = await t.request<{ version: number }>('POST', `${CRM}/opportunities/${opp.body.id}/move`, {
      token: p.repA.token,
      body: { version: opp.body.version, stageId: stages[2]!.id, position: 0 },
    });
    await t.request('PATCH', `${CRM}/opportunities/${opp.body.id}`, {
      token: p.repA.token,
      body: { version: moved.body.version, amount: '750' },
    });

    const res = await t.request<TimelineBody>('GET', `${CRM}/opportunities/${opp.body.id}/timeline`, {
      token: p.repA.token,
    });
    expect(res.status).toBe(200);
    const items = res.body.items;
    const ats = items.map((i) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(items.filter((i) => i.kind === 'stage-change').map((i) => i.stageChange!.toStageId)).toEqual([
      stages[2]!.id,
      stages[0]!.id,
    ]);
    expect(items.find((i) => i.kind === 'activity')?.activity?.subject).toBe('Kick-off');
    const update = items.find((i) => i.change?.action === 'opportunity.updated');
    expect(update?.change?.fields).toEqual(['amount']);

    expect(
      (await t.request('GET', `${CRM}/opportunities/${opp.body.id}/timeline`, { token: p.repB.token })).status,
    ).toBe(404);
    expect((await t.request('GET', `${CRM}/widgets/${opp.body.id}/timeline`, { token: p.repA.token })).status).toBe(
      422,
    );
  });
});
