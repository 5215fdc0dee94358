import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import {
  P,
  createProject,
  createTask,
  expectStatus,
  projectPeople,
  type ProjectPeople,
} from '../projects.test-support.js';

let t: TestApp;
let u: ProjectPeople;
beforeAll(async () => {
  t = await createTestApp({ poolMax: 10 });
  u = await projectPeople(t);
});
afterAll(() => t.close());

interface Item {
  id: string;
  text: string;
  done: boolean;
  position: number;
  version: number;
}

const itemsOf = async (taskId: string, token = u.member.token) =>
  expectStatus(await t.request<{ checklist: Item[] }>('GET', `${P}/tasks/${taskId}`, { token }), 200).checklist;

describe('task checklists', () => {
  it('adds, ticks, renames, reorders and removes items with versions; the board counts them; the activity lists it', async () => {
    const p = await createProject(t, u.pm.token, { members: [{ userId: u.member.id }] });
    const task = await createTask(t, u.pm.token, p.id, {
      title: 'Release',
      checklist: [{ text: 'Build' }, { text: 'Test', done: true }],
    });
    expect((await itemsOf(task.id)).map((i) => [i.text, i.done, i.position])).toEqual([
      ['Build', false, 0],
      ['Test', true, 1],
    ]);
    const add = (body: Record<string, unknown>) =>
      t.request<Item>('POST', `${P}/tasks/${task.id}/checklist`, { token: u.member.token, body });
    const ship = expectStatus(await add({ text: 'Ship' }), 201);
    expect(ship.position).toBe(2);
    const plan = expectStatus(await add({ text: 'Plan', position: 0 }), 201);
    expect((await itemsOf(task.id)).map((i) => i.text)).toEqual(['Plan', 'Build', 'Test', 'Ship']);
    expect((await add({ text: '' })).status).toBe(422);

    const ticked = expectStatus(
      await t.request<Item>('PATCH', `${P}/tasks/${task.id}/checklist/${ship.id}`, {
        token: u.member.token,
        body: { version: ship.version, done: true, text: 'Ship it' },
      }),
      200,
    );
    expect([ticked.done, ticked.text, ticked.version]).toEqual([true, 'Ship it', ship.version + 1]);
    const stale = await t.request<{ type: string }>('PATCH', `${P}/tasks/${task.id}/checklist/${ship.id}`, {
      token: u.member.token,
      body: { version: ship.version, done: false },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toMatch(/version-conflict$/);

    const board = expectStatus(
      await t.request<{ columns: { cards: { id: string; checklist: { done: number; total: number } | null }[] }[] }>(
        'GET',
        `${P}/projects/${p.id}/board`,
        { token: u.member.token },
      ),
      200,
    );
    const card = board.columns.flatMap((c) => c.cards).find((c) => c.id === task.id)!;
    expect(card.checklist).toEqual({ done: 2, total: 4 });

    const now = await itemsOf(task.id);
    const reversed = [...now].reverse().map((i) => i.id);
    const order = expectStatus(
      await t.request<{ items: Item[] }>('PUT', `${P}/tasks/${task.id}/checklist/order`, {
        token: u.member.token,
        body: { itemIds: reversed },
      }),
      200,
    );
    expect(order.items.map((i) => i.text)).toEqual(['Ship it', 'Test', 'Build', 'Plan']);
    // An order that misses an item (someone added or removed one meanwhile) is a conflict.
    const partial = await t.request('PUT', `${P}/tasks/${task.id}/checklist/order`, {
      token: u.member.token,
      body: { itemIds: reversed.slice(1) },
    });
    expect(partial.status).toBe(409);

    const test = order.items.find((i) => i.text === 'Test')!;
    expect(
      (
        await t.request('DELETE', `${P}/tasks/${task.id}/checklist/${test.id}?version=${test.version + 1}`, {
          token: u.member.token,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await t.request('DELETE', `${P}/tasks/${task.id}/checklist/${test.id}?version=${test.version}`, {
          token: u.member.token,
        })
      ).status,
    ).toBe(204);
    expect((await itemsOf(task.id)).map((i) => [i.text, i.position])).toEqual([
      ['Ship it', 0],
      ['Build', 1],
      ['Plan', 2],
    ]);
    expect(
      (await t.request('DELETE', `${P}/tasks/${task.id}/checklist/${plan.id}?version=1`, { token: u.other.token }))
        .status,
    ).toBe(404);

    const activity = expectStatus(
      await t.request<{ items: { action: string }[] }>('GET', `${P}/tasks/${task.id}/activity`, {
        token: u.member.token,
      }),
      200,
    );
    expect(activity.items.map((a) => a.action).slice(0, 4)).toEqual([
      'task.checklist-item-removed',
      'task.checklist-reordered',
      'task.checklist-item-done',
      'task.checklist-item-added',
    ]);
  });

  it('concurrent additions to one checklist each get their own position', async () => {
    const p = await createProject(t, u.pm.token, { members: [{ userId: u.member.id }] });
    const task = await createTask(t, u.pm.token, p.id, { title: 'Many' });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.request<Item>('POST', `${P}/tasks/${task.id}/checklist`, {
          token: u.member.token,
          body: { text: `Step ${i}` },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect((await itemsOf(task.id)).map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a viewer cannot change the checklist', async () => {
    const p = await createProject(t, u.pm.token, { members: [{ userId: u.member.id, role: 'viewer' }] });
    const task = await createTask(t, u.pm.token, p.id, { checklist: [{ text: 'One' }] });
    const res = await t.request('POST', `${P}/tasks/${task.id}/checklist`, {
      token: u.member.token,
      body: { text: 'Two' },
    });
    expect(res.status).toBe(403);
    expect(await itemsOf(task.id, u.pm.token)).toHaveLength(1);
  });
});
