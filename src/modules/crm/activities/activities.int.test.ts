import { sql } from 'kysely';
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
  nextCursor: string | null;
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
    // One entry per stage move: the stage change, not also the audit record of the same move.
    expect(items.filter((i) => i.change?.action === 'opportunity.stage-changed')).toEqual([]);
    expect(
      items.filter((i) => i.change?.action !== 'opportunity.created' && i.change?.fields.includes('stage_id')),
    ).toEqual([]);

    expect(
      (await t.request('GET', `${CRM}/opportunities/${opp.body.id}/timeline`, { token: p.repB.token })).status,
    ).toBe(404);
    expect((await t.request('GET', `${CRM}/widgets/${opp.body.id}/timeline`, { token: p.repA.token })).status).toBe(
      422,
    );
  });

  it("shows a deal's activities on its organization's and contacts' timelines, only for deals the viewer sees", async () => {
    const org = await t.request<{ id: string }>('POST', `${CRM}/organizations`, {
      token: p.repA.token,
      body: { name: `Rollup Ltd ${Date.now()}` },
    });
    const contact = await t.request<{ id: string }>('POST', `${CRM}/contacts`, {
      token: p.repA.token,
      body: { firstName: 'Rita', lastName: 'Rollup', organizationId: org.body.id },
    });
    const deal = await t.request<{ id: string }>('POST', `${CRM}/opportunities`, {
      token: p.repA.token,
      body: {
        name: 'Rollup deal',
        amount: '900',
        currency: 'USD',
        organizationId: org.body.id,
        contactIds: [contact.body.id],
      },
    });
    expect(deal.status).toBe(201);
    expect((await post({ type: 'call', subject: 'Demo call', opportunityId: deal.body.id })).status).toBe(201);
    // A deal of the same customer that repA cannot see (owned by repB, outside repA's teams).
    const hidden = await t.request<{ id: string }>('POST', `${CRM}/opportunities`, {
      token: p.admin.token,
      body: { name: 'Other deal', amount: '100', currency: 'USD', organizationId: org.body.id, ownerId: p.repB.id },
    });
    expect(hidden.status).toBe(201);
    expect(
      (await post({ type: 'call', subject: 'Hidden call', opportunityId: hidden.body.id }, p.admin.token)).status,
    ).toBe(201);

    const subjects = async (path: string, token: string) =>
      (await t.request<TimelineBody>('GET', `${CRM}/${path}/timeline`, { token })).body.items
        .filter((i) => i.kind === 'activity')
        .map((i) => i.activity!.subject);
    expect(await subjects(`organizations/${org.body.id}`, p.repA.token)).toEqual(['Demo call']);
    expect(await subjects(`contacts/${contact.body.id}`, p.repA.token)).toEqual(['Demo call']);
    expect((await subjects(`organizations/${org.body.id}`, p.admin.token)).sort()).toEqual([
      'Demo call',
      'Hidden call',
    ]);
  });

  it('pages a timeline with limit and cursor across sources, ties at one instant included', async () => {
    const contact = await t.request<{ id: string; version: number }>('POST', `${CRM}/contacts`, {
      token: p.repA.token,
      body: { firstName: 'Page', lastName: 'Turner' },
    });
    const id = contact.body.id;
    let version = contact.body.version;
    for (let i = 1; i <= 3; i++) {
      await post({ type: 'note', subject: `Note ${i}`, contactId: id });
      const res = await t.request<{ version: number }>('PATCH', `${CRM}/contacts/${id}`, {
        token: p.repA.token,
        body: { version, title: `Title ${i}` },
      });
      version = res.body.version;
    }
    // Three activities at exactly the instant of the contact's creation record: ties within and across sources.
    await sql`insert into crm.activities (type, subject, contact_id, owner_id, created_at, updated_at)
      select 'note', 'Tied ' || g, ${id}::uuid, ${p.repA.id}::uuid, l.occurred_at, l.occurred_at
      from platform.audit_log l, generate_series(1, 3) g
      where l.entity_id = ${id} and l.action = 'contact.created'`.execute(t.db);

    const url = `${CRM}/contacts/${id}/timeline`;
    const full = await t.request<TimelineBody>('GET', `${url}?limit=200`, { token: p.repA.token });
    expect(full.body.nextCursor).toBeNull();
    expect(full.body.items).toHaveLength(10); // 6 activities, 1 created + 3 updated
    for (const limit of [1, 2, 3, 4]) {
      const paged: TimelineBody['items'] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { status: number; body: TimelineBody } = await t.request<TimelineBody>(
          'GET',
          `${url}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
          { token: p.repA.token },
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        paged.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(paged, `limit ${limit}`).toEqual(full.body.items);
      expect(pages).toBe(Math.ceil(10 / limit));
    }
    const tied = full.body.items.filter((i) => i.activity?.subject.startsWith('Tied'));
    expect(tied).toHaveLength(3);
    expect(new Set(tied.map((i) => i.at)).size).toBe(1);
    const bad = await t.request('GET', `${url}?cursor=bm90LWEtY3Vyc29y`, { token: p.repA.token });
    expect(bad.status).toBe(400);
  });
});
