import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { call, item, ok, party, roleBalance, stockIn, uniq, warehouse, type Rec } from '../supply.test-support.js';

interface SalesOrder extends Rec {
  number: string;
  status: string;
  total: string;
  lines: {
    id: string;
    unitPrice: string;
    reservedQuantity: string;
    deliveredQuantity: string;
    backorderQuantity: string;
    invoicedQuantity: string;
  }[];
  deliveries: { id: string; kind: string; invoiceId: string | null }[];
}
interface Delivery extends Rec {
  lines: { quantity: string; value: string }[];
}

let t: TestApp;
let admin: string;
let sales: string;
let w: { id: string; stock: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userWithRoles(['admin'])).token;
  sales = (await t.userWithRoles(['sales-ops'])).token;
  w = await warehouse(t, admin);
});
afterAll(() => t.close());

describe('sales', () => {
  it('quotation → order (reserves) → partial delivery with a backorder → invoice in Finance → the rest', async () => {
    const a = await item(t, admin);
    const b = await item(t, admin);
    const customer = await party(t, admin, 'customer');
    await ok(t, admin, 'POST', '/price-lists', {
      name: uniq('Sales'),
      kind: 'sales',
      currency: 'USD',
      prices: [
        { itemId: a.id, unitPrice: '20' },
        { itemId: a.id, minQuantity: '5', unitPrice: '18' },
      ],
    });
    await stockIn(t, admin, { itemId: a.id, locationId: w.stock, quantity: '3', unitCost: '10' });
    await stockIn(t, admin, { itemId: b.id, locationId: w.stock, quantity: '10', unitCost: '1' });
    const q = await ok<SalesOrder>(t, sales, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      validUntil: '2999-12-31',
      lines: [
        { itemId: a.id, quantity: '5', discountPercent: '10' },
        { itemId: b.id, quantity: '2', unitPrice: '7.5' },
      ],
    });
    // 5 × 18 − 10 % + 2 × 7.50
    expect(q).toMatchObject({ status: 'quotation', total: '96.00' });
    expect(q.lines.map((l) => l.unitPrice)).toEqual(['18', '7.5']);
    const so = await ok<SalesOrder>(t, sales, 'POST', `/sales-orders/${q.id}/confirm`, { version: 1 }, 200);
    expect(so.status).toBe('confirmed');
    expect(so.lines.map((l) => [l.reservedQuantity, l.backorderQuantity])).toEqual([
      ['3', '5'],
      ['2', '2'],
    ]);
    // Reserved for the order: not available to anyone else.
    expect(
      (await call(t, sales, 'POST', '/deliveries', { lines: [{ itemId: a.id, warehouseId: w.id, quantity: '1' }] }))
        .status,
    ).toBe(409);
    const first = await ok<Delivery>(t, sales, 'POST', `/sales-orders/${so.id}/deliveries`, {});
    expect(first.lines.map((l) => [l.quantity, l.value]).sort()).toEqual([
      ['2', '2.00'],
      ['3', '30.00'],
    ]);
    const partial = await ok<SalesOrder>(t, sales, 'GET', `/sales-orders/${so.id}`, undefined, 200);
    expect(partial.status).toBe('partially-delivered');
    expect(partial.lines.map((l) => [l.deliveredQuantity, l.backorderQuantity, l.reservedQuantity])).toEqual([
      ['3', '2', '0'],
      ['2', '0', '0'],
    ]);
    const receivable0 = await roleBalance(t, 'receivable');
    const invoice = await ok<Rec & { total: string; number: string }>(
      t,
      sales,
      'POST',
      `/deliveries/${first.id}/invoice`,
      {},
    );
    // 3 × 18 − 10 % + 2 × 7.50
    expect(invoice.total).toBe('63.60');
    expect(invoice.number).toBeTruthy();
    expect(Number(await roleBalance(t, 'receivable')) - Number(receivable0)).toBeCloseTo(63.6, 2);
    const doc = await t.db
      .selectFrom('finance.documents')
      .select(['kind', 'status', 'party_id'])
      .where('id', '=', invoice.invoiceId as string)
      .executeTakeFirstOrThrow();
    expect(doc).toEqual({ kind: 'invoice', status: 'issued', party_id: customer });
    expect((await call(t, sales, 'POST', `/deliveries/${first.id}/invoice`, {})).status).toBe(409);
    // Nothing left to deliver until stock comes in; then the backorder goes.
    expect((await call(t, sales, 'POST', `/sales-orders/${so.id}/deliveries`, {})).status).toBe(409);
    expect(
      (
        await call(t, sales, 'POST', `/sales-orders/${so.id}/deliveries`, {
          lines: [{ orderLineId: so.lines[0]!.id, quantity: '3' }],
        })
      ).status,
    ).toBe(422);
    await stockIn(t, admin, { itemId: a.id, locationId: w.stock, quantity: '5', unitCost: '12' });
    await ok(t, sales, 'POST', `/sales-orders/${so.id}/deliveries`, {});
    const done = await ok<SalesOrder>(t, sales, 'GET', `/sales-orders/${so.id}`, undefined, 200);
    expect(done.status).toBe('delivered');
    expect(done.lines.map((l) => [l.deliveredQuantity, l.invoicedQuantity])).toEqual([
      ['5', '3'],
      ['2', '2'],
    ]);
    // The order lists its deliveries, the first invoiced, the second still to invoice (a reload can offer it).
    expect(done.deliveries.map((d) => [d.kind, d.invoiceId])).toEqual([
      ['delivery', invoice.invoiceId],
      ['delivery', null],
    ]);
    expect(done.deliveries[0]!.id).toBe(first.id);
  });

  it('cancelling an order releases its reservations; an expired quotation cannot be confirmed', async () => {
    const a = await item(t, admin);
    const customer = await party(t, admin, 'customer');
    await stockIn(t, admin, { itemId: a.id, locationId: w.stock, quantity: '4', unitCost: '2' });
    const q = await ok<SalesOrder>(t, sales, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      lines: [{ itemId: a.id, quantity: '4', unitPrice: '5' }],
    });
    const so = await ok<SalesOrder>(t, sales, 'POST', `/sales-orders/${q.id}/confirm`, { version: 1 }, 200);
    expect(so.lines[0]!.reservedQuantity).toBe('4');
    await ok(t, sales, 'POST', `/sales-orders/${so.id}/cancel`, { version: so.version }, 200);
    const onHand = await ok<{ items: { reserved: string; available: string }[] }>(
      t,
      sales,
      'GET',
      `/stock/on-hand?itemId=${a.id}`,
      undefined,
      200,
    );
    expect(onHand.items[0]).toMatchObject({ reserved: '0', available: '4' });
    const old = await ok<SalesOrder>(t, sales, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      date: '2020-01-01',
      validUntil: '2020-01-31',
      lines: [{ itemId: a.id, quantity: '1', unitPrice: '5' }],
    });
    const expired = await call(t, sales, 'POST', `/sales-orders/${old.id}/confirm`, { version: 1 });
    expect(expired.status).toBe(409);
    expect(expired.body.detail).toMatch(/expired/);
  });
});
