import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { addLocation, call, item, ok, stockIn, uniq, warehouse, type Rec } from '../supply.test-support.js';

interface CountRow {
  id: string;
  number: string;
  warehouseId: string;
  status: string;
  reason: string;
  lineCount: number;
  version: number;
}
interface CountPage {
  items: CountRow[];
  nextCursor: string | null;
}

let t: TestApp;
let admin: string;
let clerk: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userWithRoles(['admin'])).token;
  clerk = (await t.userWithRoles(['warehouse'])).token;
});
afterAll(() => t.close());

const list = (query: string) => ok<CountPage>(t, clerk, 'GET', `/counts?${query}`, undefined, 200);

describe('GET /counts', () => {
  it('lists counts with their line count, filters by status, warehouse and location, and pages by keyset', async () => {
    const w1 = await warehouse(t, admin);
    const w2 = await warehouse(t, admin);
    const bin = await addLocation(t, admin, w1.id, 'BIN-A');
    const a = await item(t, admin);
    const b = await item(t, admin);
    await stockIn(t, clerk, { itemId: a.id, locationId: w1.stock, quantity: '5', unitCost: '2' });
    const tag = uniq('tag');
    const make = (warehouseId: string, lines: unknown[]) =>
      ok<Rec & { number: string }>(t, clerk, 'POST', '/counts', {
        warehouseId,
        reason: `${tag} count`,
        lines,
      });
    const c1 = await make(w1.id, [
      { itemId: a.id, countedQuantity: '4' },
      { itemId: b.id, countedQuantity: '0' },
    ]);
    const c2 = await make(w1.id, [{ itemId: b.id, locationId: bin, countedQuantity: '1', unitCost: '3' }]);
    const c3 = await make(w2.id, [{ itemId: a.id, countedQuantity: '0' }]);
    await ok(t, clerk, 'POST', `/counts/${c1.id}/post`, { version: 1 }, 200);

    const all = await list(`q=${tag}&limit=200`);
    expect(all.items.map((c) => c.id)).toEqual([c3.id, c2.id, c1.id]); // newest number first
    expect(all.items.find((c) => c.id === c1.id)).toMatchObject({ status: 'posted', lineCount: 2, version: 2 });
    expect(all.items.find((c) => c.id === c2.id)).toMatchObject({
      status: 'open',
      lineCount: 1,
      warehouseId: w1.id,
      reason: `${tag} count`,
    });

    expect((await list(`q=${tag}&status=open`)).items.map((c) => c.id)).toEqual([c3.id, c2.id]);
    expect((await list(`q=${tag}&status=posted`)).items.map((c) => c.id)).toEqual([c1.id]);
    expect((await list(`warehouseId=${w1.id}&sort=number`)).items.map((c) => c.id)).toEqual([c1.id, c2.id]);
    expect((await list(`locationId=${bin}`)).items.map((c) => c.id)).toEqual([c2.id]);
    expect((await list(`locationId=${w2.stock}&status=posted`)).items).toEqual([]);
    expect((await list(`q=${c3.number}`)).items.map((c) => c.id)).toEqual([c3.id]);

    // Keyset pages of one: every count once, in order, then no cursor.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: CountPage = await list(`q=${tag}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([c3.id, c2.id, c1.id]);

    // Sorted by date and created: the same three.
    expect((await list(`q=${tag}&sort=-createdAt`)).items.map((c) => c.id)).toEqual([c3.id, c2.id, c1.id]);
    expect((await list(`q=${tag}&sort=date`)).items).toHaveLength(3);
  });

  it('refuses bad filters and a cursor of another sort, and needs supply:read', async () => {
    expect((await call(t, clerk, 'GET', '/counts?status=done')).status).toBe(422);
    expect((await call(t, clerk, 'GET', '/counts?warehouseId=nope')).status).toBe(422);
    expect((await call(t, clerk, 'GET', '/counts?sort=reason')).status).toBe(422);
    expect((await call(t, clerk, 'GET', '/counts?limit=0')).status).toBe(422);
    const w = await warehouse(t, admin);
    const a = await item(t, admin);
    for (let i = 0; i < 2; i++)
      await ok(t, clerk, 'POST', '/counts', { warehouseId: w.id, lines: [{ itemId: a.id, countedQuantity: '0' }] });
    const first = await list(`warehouseId=${w.id}&limit=1`);
    expect(first.nextCursor).not.toBeNull();
    const wrong = await call<Rec>(
      t,
      clerk,
      'GET',
      `/counts?warehouseId=${w.id}&limit=1&sort=date&cursor=${encodeURIComponent(first.nextCursor!)}`,
    );
    expect(wrong.status).toBe(400);
    const outsider = (await t.userWithRoles(['employee'])).token;
    expect((await call(t, outsider, 'GET', '/counts')).status).toBe(403);
    expect((await t.request('GET', '/api/v1/supply/counts')).status).toBe(401);
  });
});
