import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import {
  call,
  inventoryAccountBalance,
  item,
  ok,
  party,
  roleBalance,
  stockIn,
  warehouse,
  type Rec,
} from '../supply.test-support.js';

interface Order extends Rec {
  lines: { id: string }[];
}
interface Receipt extends Rec {
  lines: { id: string }[];
}

let t: TestApp;
let admin: string;
let w: { id: string; stock: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userWithRoles(['admin'])).token;
  const settings = await ok<Rec>(t, admin, 'GET', '/settings', undefined, 200);
  await ok(t, admin, 'PATCH', '/settings', { version: settings.version, valuationMethod: 'standard' }, 200);
  w = await warehouse(t, admin);
});
afterAll(() => t.close());

const valuation = () =>
  ok<{ total: string; items: { itemId: string; quantity: string; value: string }[] }>(
    t,
    admin,
    'GET',
    '/stock/valuation',
    undefined,
    200,
  );
const delta = async (role: string, before: string) => (Number(await roleBalance(t, role)) - Number(before)).toFixed(2);

describe('standard cost', () => {
  it('receipts at standard (the difference to the order price to price differences), issues at standard, a new standard revalues on hand', async () => {
    const a = await item(t, admin, { standardCost: '5' });
    const supplier = await party(t, admin, 'vendor');
    const po = await ok<Order>(t, admin, 'POST', '/purchase-orders', {
      supplierId: supplier,
      warehouseId: w.id,
      lines: [{ itemId: a.id, quantity: '10', unitPrice: '6.25' }],
    });
    await ok(t, admin, 'POST', `/purchase-orders/${po.id}/confirm`, { version: po.version }, 200);
    const before = {
      inventory: await roleBalance(t, 'inventory'),
      grni: await roleBalance(t, 'grni'),
      ppv: await roleBalance(t, 'purchase-price-difference'),
      cogs: await roleBalance(t, 'cogs'),
    };
    const r = await ok<Receipt>(t, admin, 'POST', `/purchase-orders/${po.id}/receipts`, {
      lines: [{ orderLineId: po.lines[0]!.id, quantity: '10' }],
    });
    expect(await delta('inventory', before.inventory)).toBe('50.00');
    expect(await delta('grni', before.grni)).toBe('-62.50');
    expect(await delta('purchase-price-difference', before.ppv)).toBe('12.50');
    // The bill at the order price clears GRNI exactly.
    await ok(t, admin, 'POST', `/receipts/${r.id}/bill`, {});
    expect(await delta('grni', before.grni)).toBe('0.00');

    const d = await ok<Rec & { lines: { value: string }[] }>(t, admin, 'POST', '/deliveries', {
      lines: [{ itemId: a.id, warehouseId: w.id, quantity: '4' }],
    });
    expect(d.lines[0]!.value).toBe('20.00');
    expect(await delta('cogs', before.cogs)).toBe('20.00');

    // 6 on hand: from 5 to 5.5 is +3.00, inventory against price differences, as a revaluation move.
    const ppvBefore = await roleBalance(t, 'purchase-price-difference');
    const updated = await ok<Rec & { standardCost: string }>(
      t,
      admin,
      'PATCH',
      `/items/${a.id}`,
      { version: a.version, standardCost: '5.5' },
      200,
    );
    expect(updated.standardCost).toBe('5.5');
    expect(await delta('purchase-price-difference', ppvBefore)).toBe('-3.00');
    const v = (await valuation()).items.find((i) => i.itemId === a.id)!;
    expect(v).toMatchObject({ quantity: '6', value: '33.00' });
    const revaluations = await t.db
      .selectFrom('supply.moves')
      .select(['kind', 'quantity', 'value', 'journal_entry_id'])
      .where('item_id', '=', a.id)
      .where('kind', '=', 'revaluation')
      .execute();
    expect(revaluations.map((m) => [m.kind, Number(m.quantity), Number(m.value), !!m.journal_entry_id])).toEqual([
      ['revaluation', 0, 3, true],
    ]);
    // Issues now at the new standard; the last one takes exactly what is left.
    const d2 = await ok<Rec & { lines: { value: string }[] }>(t, admin, 'POST', '/deliveries', {
      lines: [{ itemId: a.id, warehouseId: w.id, quantity: '6' }],
    });
    expect(d2.lines[0]!.value).toBe('33.00');
    expect((await valuation()).total).toBe(await inventoryAccountBalance(t));
    expect((await ok<{ ok: boolean }>(t, admin, 'GET', '/stock/check', undefined, 200)).ok).toBe(true);
  });

  it('an item without a standard cost cannot move (422); an adjustment in ignores its unit cost', async () => {
    const bare = await item(t, admin);
    const res = await call(t, admin, 'POST', '/stock/adjustments', {
      itemId: bare.id,
      locationId: w.stock,
      direction: 'in',
      quantity: '1',
      unitCost: '3',
      reason: 'found',
    });
    expect(res.status).toBe(422);
    expect(res.body.type).toMatch(/no-standard-cost$/);
    const b = await item(t, admin, { standardCost: '2.345' });
    const moved = await stockIn(t, admin, { itemId: b.id, locationId: w.stock, quantity: '3', unitCost: '9' });
    expect(moved.moves[0]!.value).toBe('7.04');
    expect((await valuation()).total).toBe(await inventoryAccountBalance(t));
  });
});
