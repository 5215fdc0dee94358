import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { inTransaction } from '../db/transaction.js';
import { notify } from './notify.js';

const N = '/api/v1/notifications';
type View = {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: string | null;
};

let t: TestApp;
let ann: { id: string; token: string };
let bob: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  ann = await t.userWithRoles(['employee']);
  bob = await t.userWithRoles(['employee']);
});
afterAll(() => t.close());

const list = async (token: string, query = '') => {
  const res = await t.request<{ items: View[]; nextCursor: string | null }>('GET', `${N}${query}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};
const unread = async (token: string) =>
  (await t.request<{ unread: number }>('GET', `${N}/unread-count`, { token })).body.unread;

describe('in-app notifications', () => {
  it('tells each person once, in the transaction of the change: a rolled-back change tells nobody', async () => {
    await expect(
      inTransaction(t.db, async (trx) => {
        await notify(trx, [ann.id], { kind: 'test.rolled-back', title: 'Never seen' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect((await list(ann.token)).items).toEqual([]);

    const written = await inTransaction(t.db, (trx) =>
      notify(trx, [ann.id, ann.id, bob.id], {
        kind: 'test.hello',
        title: 'Invoice INV-1 is overdue',
        body: 'Acme owes 120.00',
        link: '/finance/invoices',
        dedupeKey: 'test:inv-1:overdue',
      }),
    );
    expect(written).toBe(2);
    // The same key again (a redelivered event): nothing new.
    const again = await inTransaction(t.db, (trx) =>
      notify(trx, [ann.id, bob.id], { kind: 'test.hello', title: 'Again', dedupeKey: 'test:inv-1:overdue' }),
    );
    expect(again).toBe(0);
    const page = await list(ann.token);
    expect(page.items).toEqual([
      expect.objectContaining({
        kind: 'test.hello',
        title: 'Invoice INV-1 is overdue',
        link: '/finance/invoices',
        readAt: null,
      }),
    ]);
    expect(await unread(ann.token)).toBe(1);
  });

  it('each person reads and marks only their own', async () => {
    const [mine] = (await list(ann.token)).items;
    const foreign = await t.request('POST', `${N}/${mine!.id}/read`, { token: bob.token });
    expect(foreign.status).toBe(404);
    expect(await unread(ann.token)).toBe(1);
    const read = await t.request<View>('POST', `${N}/${mine!.id}/read`, { token: ann.token });
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect(await unread(ann.token)).toBe(0);
    expect((await list(ann.token, '?unread=true')).items).toEqual([]);
    expect(await unread(bob.token)).toBe(1);
    const all = await t.request<{ marked: number }>('POST', `${N}/read-all`, { token: bob.token });
    expect(all.body).toEqual({ marked: 1 });
    expect(await unread(bob.token)).toBe(0);
  });

  it('pages newest first, and answers 401 without a token and 422 for a bad query', async () => {
    await inTransaction(t.db, async (trx) => {
      for (let i = 1; i <= 3; i++) await notify(trx, [bob.id], { kind: 'test.page', title: `Number ${i}` });
    });
    const first = await list(bob.token, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(bob.token, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((n) => n.kind)).toEqual([
      'test.page',
      'test.page',
      'test.page',
      'test.hello',
    ]);
    expect((await t.request('GET', N)).status).toBe(401);
    expect((await t.request('GET', `${N}?unread=maybe`, { token: bob.token })).status).toBe(422);
    expect((await t.request('POST', `${N}/not-a-uuid/read`, { token: bob.token })).status).toBe(422);
  });
});
