import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { call, item, ok, party, stockIn, warehouse, type Rec } from '../supply.test-support.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface DeliverySummary {
  id: string;
  number: string;
  kind: string;
  status: string;
  salesOrderId: string | null;
  salesOrderNumber: string | null;
  invoiceId: string | null;
  date: string;
  lineCount: number;
  value: string;
}
interface ReceiptSummary {
  id: string;
  number: string;
  kind: string;
  orderId: string;
  orderNumber: string;
  billId: string | null;
  date: string;
  lineCount: number;
}

let t: TestApp;
let admin: string;
let reader: string;
let w: { id: string; stock: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userWithRoles(['admin'])).token;
  reader = (await t.userWithRoles(['warehouse'])).token;
  w = await warehouse(t, admin);
});
afterAll(() => t.close());

const get = <T>(token: string, path: string) => ok<T>(t, token, 'GET', path, undefined, 200);

describe('delivery and receipt lists', () => {
  it('lists deliveries by order, status and date, a keyset page at a time', async () => {
    const a = await item(t, admin);
    const customer = await party(t, admin, 'customer');
    await stockIn(t, admin, { itemId: a.id, locationId: w.stock, quantity: '10', unitCost: '2' });
    const so = await ok<Rec & { lines: { id: string }[] }>(t, admin, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      lines: [{ itemId: a.id, quantity: '6', unitPrice: '5' }],
    });
    await ok(t, admin, 'POST', `/sales-orders/${so.id}/confirm`, { version: 1 }, 200);
    const d1 = await ok<Rec>(t, admin, 'POST', `/sales-orders/${so.id}/deliveries`, {
      date: '2026-03-01',
      lines: [{ orderLineId: so.lines[0]!.id, quantity: '2' }],
    });
    const d2 = await ok<Rec>(t, admin, 'POST', `/sales-orders/${so.id}/deliveries`, { date: '2026-03-05' });
    const loose = await ok<Rec>(t, admin, 'POST', '/deliveries', {
      date: '2026-03-03',
      lines: [{ itemId: a.id, warehouseId: w.id, quantity: '1' }],
    });
    await ok(t, admin, 'POST', `/deliveries/${d1.id}/invoice`, {});

    const byOrder = await get<Page<DeliverySummary>>(reader, `/deliveries?salesOrderId=${so.id}&sort=date`);
    expect(byOrder.items.map((d) => [d.id, d.status, d.lineCount, d.value])).toEqual([
      [d1.id, 'invoiced', 1, '4.00'],
      [d2.id, 'to-invoice', 1, '8.00'],
    ]);
    expect(byOrder.items[0]!.salesOrderNumber).toBe(so.number);
    const toInvoice = await get<Page<DeliverySummary>>(reader, `/deliveries?salesOrderId=${so.id}&status=to-invoice`);
    expect(toInvoice.items.map((d) => d.id)).toEqual([d2.id]);
    const inMarch = await get<Page<DeliverySummary>>(
      reader,
      `/deliveries?from=2026-03-02&to=2026-03-04&customerId=${customer}`,
    );
    expect(inMarch.items).toEqual([]);
    const noOrder = await get<Page<DeliverySummary>>(
      reader,
      `/deliveries?status=no-order&from=2026-03-03&to=2026-03-03`,
    );
    expect(noOrder.items.map((d) => d.id)).toContain(loose.id);

    // Keyset pages: one at a time, in date order, then no cursor.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<DeliverySummary> = await get<Page<DeliverySummary>>(
        reader,
        `/deliveries?salesOrderId=${so.id}&sort=-date&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([d2.id, d1.id]);
    const bad = await call(t, reader, 'GET', '/deliveries?status=lost');
    expect(bad.status).toBe(422);
  });

  it('lists receipts by order, billed and date', async () => {
    const a = await item(t, admin);
    const supplier = await party(t, admin, 'vendor');
    const po = await ok<Rec & { number: string; lines: { id: string }[] }>(t, admin, 'POST', '/purchase-orders', {
      supplierId: supplier,
      warehouseId: w.id,
      lines: [{ itemId: a.id, quantity: '10', unitPrice: '3' }],
    });
    await ok(t, admin, 'POST', `/purchase-orders/${po.id}/confirm`, { version: po.version }, 200);
    const r1 = await ok<Rec>(t, admin, 'POST', `/purchase-orders/${po.id}/receipts`, {
      date: '2026-04-01',
      lines: [{ orderLineId: po.lines[0]!.id, quantity: '4' }],
    });
    const r2 = await ok<Rec>(t, admin, 'POST', `/purchase-orders/${po.id}/receipts`, {
      date: '2026-04-02',
      lines: [{ orderLineId: po.lines[0]!.id, quantity: '6' }],
    });
    await ok(t, admin, 'POST', `/receipts/${r1.id}/bill`, {});
    const all = await get<Page<ReceiptSummary>>(reader, `/receipts?orderId=${po.id}&sort=date`);
    expect(all.items.map((r) => [r.id, r.orderNumber, r.lineCount, r.billId !== null])).toEqual([
      [r1.id, po.number, 1, true],
      [r2.id, po.number, 1, false],
    ]);
    const unbilled = await get<Page<ReceiptSummary>>(reader, `/receipts?supplierId=${supplier}&billed=false`);
    expect(unbilled.items.map((r) => r.id)).toEqual([r2.id]);
    const dated = await get<Page<ReceiptSummary>>(reader, `/receipts?orderId=${po.id}&from=2026-04-02`);
    expect(dated.items.map((r) => r.id)).toEqual([r2.id]);
    const searched = await get<Page<ReceiptSummary>>(reader, `/receipts?q=${po.number}`);
    expect(searched.items.map((r) => r.id).sort()).toEqual([r1.id, r2.id].sort());
  });
});
