import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { call, item, ok, party, roleBalance, uniq, warehouse, type Rec } from '../supply.test-support.js';

interface Order extends Rec {
  number: string;
  status: string;
  lines: { id: string; itemId: string; unitPrice: string; receivedQuantity: string; billedQuantity: string }[];
}
interface Receipt extends Rec {
  number: string;
  billId: string | null;
  lines: { id: string; quantity: string; billedQuantity: string; unitCost: string }[];
}

let t: TestApp;
let admin: string;
let buyer: string;
let w: { id: string; stock: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userWithRoles(['admin'])).token;
  buyer = (await t.userWithRoles(['purchasing'])).token;
  w = await warehouse(t, admin);
});
afterAll(() => t.close());

async function orderOf(lines: { itemId: string; quantity: string; unitPrice?: string }[], supplierId?: string) {
  const supplier = supplierId ?? (await party(t, admin, 'vendor'));
  const po = await ok<Order>(t, buyer, 'POST', '/purchase-orders', { supplierId: supplier, warehouseId: w.id, lines });
  return ok<Order>(t, buyer, 'POST', `/purchase-orders/${po.id}/confirm`, { version: po.version }, 200);
}

const billCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('finance.documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('kind', '=', 'bill')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('purchasing', () => {
  it('a partial receipt, then the bill: GRNI is credited on receipt and cleared by the bill', async () => {
    const a = await item(t, admin);
    const b = await item(t, admin);
    const supplier = await party(t, admin, 'vendor');
    await ok(t, admin, 'POST', '/price-lists', {
      name: uniq('Supplier'),
      kind: 'purchase',
      currency: 'USD',
      partyId: supplier,
      prices: [{ itemId: b.id, unitPrice: '4.25' }],
    });
    const draft = await ok<Order>(t, buyer, 'POST', '/purchase-orders', {
      supplierId: supplier,
      warehouseId: w.id,
      lines: [
        { itemId: a.id, quantity: '10', unitPrice: '2.50' },
        { itemId: b.id, quantity: '4' },
      ],
    });
    expect(draft).toMatchObject({ status: 'draft', total: '42.00' });
    expect(draft.lines.map((l) => l.unitPrice)).toEqual(['2.5', '4.25']);
    const early = await call(t, buyer, 'POST', `/purchase-orders/${draft.id}/receipts`, {
      lines: [{ orderLineId: draft.lines[0]!.id, quantity: '1' }],
    });
    expect(early.status).toBe(409);
    const po = await ok<Order>(t, buyer, 'POST', `/purchase-orders/${draft.id}/confirm`, { version: 1 }, 200);
    const grni0 = await roleBalance(t, 'grni');
    const receipt = await ok<Receipt>(t, buyer, 'POST', `/purchase-orders/${po.id}/receipts`, {
      lines: [{ orderLineId: po.lines[0]!.id, quantity: '6' }],
    });
    expect((await ok<Order>(t, buyer, 'GET', `/purchase-orders/${po.id}`, undefined, 200)).status).toBe(
      'partially-received',
    );
    expect(Number(await roleBalance(t, 'grni')) - Number(grni0)).toBe(-15);
    const bill = await ok<Rec & { total: string; number: string; receipt: Receipt }>(
      t,
      buyer,
      'POST',
      `/receipts/${receipt.id}/bill`,
      {
        supplierReference: 'INV-77',
      },
    );
    expect(bill).toMatchObject({ total: '15.00', priceDifference: '0.00' });
    expect(bill.number).toBeTruthy();
    expect(bill.receipt.lines.map((l) => l.billedQuantity)).toEqual(['6']);
    expect(await roleBalance(t, 'grni')).toBe(grni0);
    const doc = await t.db
      .selectFrom('finance.documents')
      .select(['kind', 'status', 'total', 'party_id'])
      .where('id', '=', bill.billId as string)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ kind: 'bill', status: 'issued', party_id: supplier });
    expect(Number(doc.total)).toBe(15);
    expect((await call(t, buyer, 'POST', `/receipts/${receipt.id}/bill`, {})).status).toBe(409);
    // The rest, then the order is received.
    await ok(t, buyer, 'POST', `/purchase-orders/${po.id}/receipts`, {
      lines: [
        { orderLineId: po.lines[0]!.id, quantity: '4' },
        { orderLineId: po.lines[1]!.id, quantity: '4' },
      ],
    });
    const done = await ok<Order>(t, buyer, 'GET', `/purchase-orders/${po.id}`, undefined, 200);
    expect(done.status).toBe('received');
    expect(done.lines.map((l) => [l.receivedQuantity, l.billedQuantity])).toEqual([
      ['10', '6'],
      ['4', '0'],
    ]);
  });

  it('refuses a bill that does not match order and receipt (422, nothing posted), and over-receipts', async () => {
    const a = await item(t, admin);
    const po = await orderOf([{ itemId: a.id, quantity: '10', unitPrice: '3' }]);
    const over = await call(t, buyer, 'POST', `/purchase-orders/${po.id}/receipts`, {
      lines: [{ orderLineId: po.lines[0]!.id, quantity: '11' }],
    });
    expect(over.status).toBe(422);
    expect(over.body.type).toMatch(/over-receipt$/);
    const receipt = await ok<Receipt>(t, buyer, 'POST', `/purchase-orders/${po.id}/receipts`, {
      lines: [{ orderLineId: po.lines[0]!.id, quantity: '5' }],
    });
    const bills = await billCount();
    const entries = await t.db
      .selectFrom('finance.journal_entries')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const mismatch = await call(t, buyer, 'POST', `/receipts/${receipt.id}/bill`, {
      lines: [{ receiptLineId: receipt.lines[0]!.id, quantity: '6', unitPrice: '3.40' }],
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.type).toMatch(/three-way-mismatch$/);
    expect(mismatch.body.errors?.map((e) => [e.path, e.code])).toEqual([
      ['lines.0.quantity', 'quantity_mismatch'],
      ['lines.0.unitPrice', 'price_mismatch'],
    ]);
    expect(await billCount()).toBe(bills);
    expect(
      (
        await t.db
          .selectFrom('finance.journal_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toEqual(entries.n);
    // Within a 10 % tolerance the bill goes through and the difference goes to price differences.
    await ok(
      t,
      admin,
      'PATCH',
      '/settings',
      { version: (await ok<Rec>(t, admin, 'GET', '/settings', undefined, 200)).version, priceTolerancePercent: '10' },
      200,
    );
    const ppv0 = await roleBalance(t, 'purchase-price-difference');
    const grni0 = await roleBalance(t, 'grni');
    const billed = await ok<Rec>(t, buyer, 'POST', `/receipts/${receipt.id}/bill`, {
      lines: [{ receiptLineId: receipt.lines[0]!.id, quantity: '5', unitPrice: '3.20' }],
    });
    expect(billed).toMatchObject({ total: '16.00', priceDifference: '1.00' });
    expect(Number(await roleBalance(t, 'purchase-price-difference')) - Number(ppv0)).toBe(1);
    expect(Number(await roleBalance(t, 'grni')) - Number(grni0)).toBe(15);
    await ok(
      t,
      admin,
      'PATCH',
      '/settings',
      { version: (await ok<Rec>(t, admin, 'GET', '/settings', undefined, 200)).version, priceTolerancePercent: '0' },
      200,
    );
  });

  it('returns unbilled goods to the supplier; billed goods are refused', async () => {
    const a = await item(t, admin);
    const po = await orderOf([{ itemId: a.id, quantity: '8', unitPrice: '5' }]);
    const receipt = await ok<Receipt>(t, buyer, 'POST', `/purchase-orders/${po.id}/receipts`, {
      lines: [{ orderLineId: po.lines[0]!.id, quantity: '8' }],
    });
    const grni0 = await roleBalance(t, 'grni');
    const ret = await ok<Receipt>(t, buyer, 'POST', `/receipts/${receipt.id}/returns`, {
      lines: [{ receiptLineId: receipt.lines[0]!.id, quantity: '3' }],
    });
    expect(ret.kind).toBe('return');
    expect(Number(await roleBalance(t, 'grni')) - Number(grni0)).toBe(15);
    const order = await ok<Order>(t, buyer, 'GET', `/purchase-orders/${po.id}`, undefined, 200);
    expect([order.status, order.lines[0]!.receivedQuantity]).toEqual(['partially-received', '5']);
    await ok(t, buyer, 'POST', `/receipts/${receipt.id}/bill`, {});
    const late = await call(t, buyer, 'POST', `/receipts/${receipt.id}/returns`, {
      lines: [{ receiptLineId: receipt.lines[0]!.id, quantity: '1' }],
    });
    expect(late.status).toBe(409);
    expect(late.body.type).toMatch(/already-billed$/);
  });

  it('replenishment proposes draft orders grouped by supplier, counting what is on order', async () => {
    const s1 = await party(t, admin, 'vendor');
    const s2 = await party(t, admin, 'vendor');
    const w2 = await warehouse(t, admin);
    const a = await item(t, admin, { defaultSupplierId: s1 });
    const b = await item(t, admin, { defaultSupplierId: s1 });
    const c = await item(t, admin);
    const d = await item(t, admin);
    for (const [it, min, max, supplierId] of [
      [a, '5', '20', undefined],
      [b, '2', '10', undefined],
      [c, '1', '4', s2],
      [d, '1', '3', undefined],
    ] as const)
      await ok(t, buyer, 'POST', '/reorder-rules', {
        itemId: it.id,
        warehouseId: w2.id,
        minQuantity: min,
        maxQuantity: max,
        ...(supplierId ? { supplierId } : {}),
      });
    // b already has 9 on order: no need.
    const open = await ok<Order>(t, buyer, 'POST', '/purchase-orders', {
      supplierId: s1,
      warehouseId: w2.id,
      lines: [{ itemId: b.id, quantity: '9', unitPrice: '1' }],
    });
    const run = await ok<{
      orders: { id: string; supplierId: string; lines: number }[];
      skipped: { itemId: string }[];
    }>(t, buyer, 'POST', '/replenishment/run', { warehouseId: w2.id }, 200);
    expect(run.orders.map((o) => [o.supplierId, o.lines]).sort()).toEqual(
      [
        [s1, 1],
        [s2, 1],
      ].sort(),
    );
    expect(run.skipped.map((s) => s.itemId)).toEqual([d.id]);
    const proposed = await ok<Order>(
      t,
      buyer,
      'GET',
      `/purchase-orders/${run.orders.find((o) => o.supplierId === s1)!.id}`,
      undefined,
      200,
    );
    expect(proposed.status).toBe('draft');
    expect(proposed.lines.map((l) => [l.itemId, (l as unknown as { quantity: string }).quantity])).toEqual([
      [a.id, '20'],
    ]);
    const again = await ok<{ orders: unknown[] }>(t, buyer, 'POST', '/replenishment/run', { warehouseId: w2.id }, 200);
    expect(again.orders).toEqual([]);
    expect(open.status).toBe('draft');
  });
});
