import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { call, item, ok, party, roleBalance, uniq, warehouse, type Rec } from '../supply.test-support.js';

interface Order extends Rec {
  lines: {
    id: string;
    unit: string;
    quantity: string;
    baseQuantity: string;
    unitPrice: string;
    receivedQuantity: string;
  }[];
}
interface Receipt extends Rec {
  lines: { id: string; unit: string; quantity: string; unitCost: string }[];
}

let t: TestApp;
let admin: string;
let w: { id: string; stock: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userWithRoles(['admin'])).token;
  w = await warehouse(t, admin);
});
afterAll(() => t.close());

const onHand = async (itemId: string) =>
  (
    await ok<{ items: { onHand: string }[] }>(t, admin, 'GET', `/stock/on-hand?itemId=${itemId}`, undefined, 200)
  ).items.reduce((s, b) => s + Number(b.onHand), 0);

describe('purchase lines in another unit', () => {
  it('2 boxes of 12: priced per box from the list, a box received moves 12 units at its cost, billed and returned per box', async () => {
    const a = await item(t, admin, { units: [{ unit: 'box', factor: '12' }] });
    const supplier = await party(t, admin, 'vendor');
    await ok(t, admin, 'POST', '/price-lists', {
      name: uniq('Buy'),
      kind: 'purchase',
      currency: 'USD',
      partyId: supplier,
      prices: [{ itemId: a.id, unitPrice: '10.125' }],
    });
    const unknown = await call(t, admin, 'POST', '/purchase-orders', {
      supplierId: supplier,
      warehouseId: w.id,
      lines: [{ itemId: a.id, quantity: '2', unit: 'pallet' }],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]).toMatchObject({ path: 'lines.0.unit', code: 'unknown_unit' });
    expect(String(unknown.body.detail)).toContain('pallet');
    // A quantity that does not convert exactly to the base unit (4 decimals) is refused.
    const inexact = await call(t, admin, 'POST', '/purchase-orders', {
      supplierId: supplier,
      warehouseId: w.id,
      lines: [{ itemId: a.id, quantity: '0.00001', unit: 'box' }],
    });
    expect(inexact.status).toBe(422);

    const po = await ok<Order>(t, admin, 'POST', '/purchase-orders', {
      supplierId: supplier,
      warehouseId: w.id,
      lines: [{ itemId: a.id, quantity: '2', unit: 'box' }],
    });
    expect(po.lines[0]).toMatchObject({ unit: 'box', quantity: '2', baseQuantity: '24', unitPrice: '121.5' });
    expect(po.total).toBe('243.00');
    await ok(t, admin, 'POST', `/purchase-orders/${po.id}/confirm`, { version: po.version }, 200);
    const grni0 = Number(await roleBalance(t, 'grni'));
    const inventory0 = Number(await roleBalance(t, 'inventory'));
    const r1 = await ok<Receipt>(t, admin, 'POST', `/purchase-orders/${po.id}/receipts`, {
      lines: [{ orderLineId: po.lines[0]!.id, quantity: '1' }],
    });
    expect(r1.lines[0]).toMatchObject({ unit: 'box', quantity: '1', unitCost: '121.5' });
    expect(await onHand(a.id)).toBe(12);
    expect(Number(await roleBalance(t, 'inventory')) - inventory0).toBeCloseTo(121.5, 2);
    expect(Number(await roleBalance(t, 'grni')) - grni0).toBeCloseTo(-121.5, 2);
    const moves = await t.db
      .selectFrom('supply.moves')
      .select(['quantity', 'unit', 'unit_quantity', 'value'])
      .where('source_id', '=', r1.id)
      .execute();
    expect(moves.map((m) => [Number(m.quantity), m.unit, Number(m.unit_quantity), Number(m.value)])).toEqual([
      [12, 'box', 1, 121.5],
    ]);
    // Ordered 2 boxes: 2 more is an over-receipt, counted in boxes.
    const over = await call(t, admin, 'POST', `/purchase-orders/${po.id}/receipts`, {
      lines: [{ orderLineId: po.lines[0]!.id, quantity: '2' }],
    });
    expect(over.status).toBe(422);
    expect(over.body.type).toMatch(/over-receipt$/);

    // The bill is per box at the order price: the 3-way match passes and clears GRNI exactly.
    const bill = await ok<Rec & { total: string }>(t, admin, 'POST', `/receipts/${r1.id}/bill`, {
      lines: [{ receiptLineId: r1.lines[0]!.id, quantity: '1', unitPrice: '121.5' }],
    });
    expect(bill.total).toBe('121.50');
    expect(Number(await roleBalance(t, 'grni'))).toBeCloseTo(grni0, 2);

    const r2 = await ok<Receipt>(t, admin, 'POST', `/purchase-orders/${po.id}/receipts`, {
      lines: [{ orderLineId: po.lines[0]!.id, quantity: '1' }],
    });
    expect(await onHand(a.id)).toBe(24);
    await ok(t, admin, 'POST', `/receipts/${r2.id}/returns`, {
      lines: [{ receiptLineId: r2.lines[0]!.id, quantity: '0.5' }],
    });
    expect(await onHand(a.id)).toBe(18);
    const after = await ok<Order>(t, admin, 'GET', `/purchase-orders/${po.id}`, undefined, 200);
    expect(after.lines[0]!.receivedQuantity).toBe('1.5');
    expect(Number(await roleBalance(t, 'grni')) - grni0).toBeCloseTo(-60.75, 2);
  });
});
