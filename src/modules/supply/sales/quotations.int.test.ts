import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { call, item, ok, party, roleBalance, stockIn, uniq, warehouse, type Rec } from '../supply.test-support.js';

interface SalesOrder extends Rec {
  number: string;
  status: string;
  total: string;
  currency: string;
  exchangeRate: string;
  opportunityId: string | null;
  lines: {
    id: string;
    unit: string;
    quantity: string;
    baseQuantity: string;
    unitPrice: string;
    reservedQuantity: string;
    deliveredQuantity: string;
    backorderQuantity: string;
    invoicedQuantity: string;
  }[];
}
interface Opportunity extends Rec {
  amount: string;
  currency: string;
  status: string;
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

const crm = <T = Rec>(token: string, method: string, path: string, body?: unknown) =>
  t.request<T>(method, `/api/v1/crm${path}`, { token, ...(body === undefined ? {} : { body }) });

async function opportunity(currency = 'USD') {
  const res = await crm<Opportunity>(admin, 'POST', '/opportunities', { name: uniq('Deal'), currency });
  expect(res.status).toBe(201);
  return res.body;
}

const getOpportunity = async (id: string) => (await crm<Opportunity>(admin, 'GET', `/opportunities/${id}`)).body;

describe('quotations from a CRM opportunity', () => {
  it("the opportunity's amount follows the quotation: create, edit lines, accept; audited and versioned in CRM", async () => {
    const a = await item(t, admin);
    const customer = await party(t, admin, 'customer');
    const opp = await opportunity();
    const q = await ok<SalesOrder>(t, admin, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      opportunityId: opp.id,
      lines: [{ itemId: a.id, quantity: '4', unitPrice: '25' }],
    });
    expect(q).toMatchObject({ opportunityId: opp.id, total: '100.00', currency: 'USD' });
    const afterCreate = await getOpportunity(opp.id);
    expect(afterCreate).toMatchObject({ amount: '100.00', currency: 'USD', version: opp.version + 1 });

    const edited = await ok<SalesOrder>(
      t,
      admin,
      'PATCH',
      `/sales-orders/${q.id}`,
      {
        version: q.version,
        lines: [
          { itemId: a.id, quantity: '4', unitPrice: '25' },
          { itemId: a.id, quantity: '1', unitPrice: '12.5', discountPercent: '20' },
        ],
      },
      200,
    );
    expect(edited.total).toBe('110.00');
    expect((await getOpportunity(opp.id)).amount).toBe('110.00');
    // A stale version changes nothing, in supply or in CRM.
    const stale = await call(t, admin, 'PATCH', `/sales-orders/${q.id}`, {
      version: q.version,
      lines: [{ itemId: a.id, quantity: '1', unitPrice: '1' }],
    });
    expect(stale.status).toBe(409);
    expect((await getOpportunity(opp.id)).amount).toBe('110.00');

    await stockIn(t, admin, { itemId: a.id, locationId: w.stock, quantity: '5', unitCost: '3' });
    const so = await ok<SalesOrder>(
      t,
      admin,
      'POST',
      `/sales-orders/${q.id}/confirm`,
      { version: edited.version },
      200,
    );
    expect(so.status).toBe('confirmed');
    const accepted = await getOpportunity(opp.id);
    expect(accepted.amount).toBe('110.00');
    // Only quotations are edited.
    expect((await call(t, admin, 'PATCH', `/sales-orders/${q.id}`, { version: so.version, memo: 'late' })).status).toBe(
      409,
    );

    const quotes = await ok<{ items: { id: string }[] }>(
      t,
      sales,
      'GET',
      `/sales-orders?opportunityId=${opp.id}`,
      undefined,
      200,
    );
    expect(quotes.items.map((o) => o.id)).toEqual([q.id]);

    const audit = await sql<{ action: string; after: { amount: string; source: { number: string } } }>`
      select action, after from platform.audit_log
      where entity_type = 'crm.opportunity' and entity_id = ${opp.id} and action = 'opportunity.amount-followed'
      order by id`.execute(t.db);
    expect(audit.rows.map((r) => [r.after.amount, r.after.source.number])).toEqual([
      ['100.0000', q.number],
      ['110.0000', q.number],
    ]);
  });

  it('refuses a won or lost opportunity (409) and one you cannot see in CRM (422); a closed one keeps its amount', async () => {
    const a = await item(t, admin);
    const customer = await party(t, admin, 'customer');
    const won = await opportunity();
    await crm(admin, 'POST', `/opportunities/${won.id}/win`, { version: won.version });
    const refused = await call(t, admin, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      opportunityId: won.id,
      lines: [{ itemId: a.id, quantity: '1', unitPrice: '5' }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/opportunity-closed$/);

    // The sales-ops user owns no CRM records and manages no team: the admin's opportunity is not theirs to quote.
    const hidden = await opportunity();
    const invisible = await call(t, sales, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      opportunityId: hidden.id,
      lines: [{ itemId: a.id, quantity: '1', unitPrice: '5' }],
    });
    expect(invisible.status).toBe(422);
    expect(invisible.body.errors?.[0]?.path).toBe('opportunityId');

    // A quotation that fails (a unit the item does not have) leaves the opportunity as it was.
    const untouched = await opportunity();
    const failed = await call(t, admin, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      opportunityId: untouched.id,
      lines: [
        { itemId: a.id, quantity: '2', unitPrice: '5' },
        { itemId: a.id, quantity: '1', unit: 'crate', unitPrice: '5' },
      ],
    });
    expect(failed.status).toBe(422);
    expect(await getOpportunity(untouched.id)).toMatchObject({ amount: '0.00', version: untouched.version });

    // Quoted while open, then lost: the quotation can still change, the lost deal keeps its amount.
    const open = await opportunity();
    const q = await ok<SalesOrder>(t, admin, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      opportunityId: open.id,
      lines: [{ itemId: a.id, quantity: '2', unitPrice: '5' }],
    });
    const quoted = await getOpportunity(open.id);
    expect(quoted.amount).toBe('10.00');
    await crm(admin, 'POST', `/opportunities/${open.id}/lose`, { version: quoted.version, reason: 'price' });
    const lost = await getOpportunity(open.id);
    await ok(
      t,
      admin,
      'PATCH',
      `/sales-orders/${q.id}`,
      { version: q.version, lines: [{ itemId: a.id, quantity: '1', unitPrice: '5' }] },
      200,
    );
    expect(await getOpportunity(open.id)).toMatchObject({ amount: '10.00', status: 'lost', version: lost.version });
  });
});

describe('sales in a foreign currency', () => {
  it('priced from the EUR list, invoiced in EUR at the rate; COGS and inventory stay in the base currency', async () => {
    const a = await item(t, admin);
    const customer = await party(t, admin, 'customer');
    await ok(t, admin, 'POST', '/price-lists', {
      name: uniq('EUR sales'),
      kind: 'sales',
      currency: 'EUR',
      prices: [{ itemId: a.id, unitPrice: '9.5' }],
    });
    await ok(t, admin, 'POST', '/price-lists', {
      name: uniq('USD sales'),
      kind: 'sales',
      currency: 'USD',
      prices: [{ itemId: a.id, unitPrice: '11' }],
    });
    await stockIn(t, admin, { itemId: a.id, locationId: w.stock, quantity: '10', unitCost: '4' });
    const noRate = await call(t, sales, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      currency: 'EUR',
      lines: [{ itemId: a.id, quantity: '3' }],
    });
    expect(noRate.status).toBe(422);
    expect(noRate.body.errors?.[0]?.path).toBe('exchangeRate');
    const q = await ok<SalesOrder>(t, sales, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      currency: 'EUR',
      exchangeRate: '1.1',
      lines: [{ itemId: a.id, quantity: '3' }],
    });
    expect(q).toMatchObject({ currency: 'EUR', exchangeRate: '1.1', total: '28.50' });
    expect(q.lines[0]!.unitPrice).toBe('9.5');
    await ok(t, sales, 'POST', `/sales-orders/${q.id}/confirm`, { version: q.version }, 200);
    const cogs0 = await roleBalance(t, 'cogs');
    const inventory0 = await roleBalance(t, 'inventory');
    const receivable0 = await roleBalance(t, 'receivable');
    const d = await ok<Delivery>(t, sales, 'POST', `/sales-orders/${q.id}/deliveries`, {});
    expect(d.lines[0]!.value).toBe('12.00');
    expect(Number(await roleBalance(t, 'cogs')) - Number(cogs0)).toBeCloseTo(12, 2);
    expect(Number(inventory0) - Number(await roleBalance(t, 'inventory'))).toBeCloseTo(12, 2);
    const invoice = await ok<Rec & { currency: string; total: string; invoiceId: string }>(
      t,
      sales,
      'POST',
      `/deliveries/${d.id}/invoice`,
      { exchangeRate: '1.2' },
    );
    expect(invoice).toMatchObject({ currency: 'EUR', total: '28.50' });
    const doc = await t.db
      .selectFrom('finance.documents')
      .select(['currency', 'exchange_rate', 'status'])
      .where('id', '=', invoice.invoiceId)
      .executeTakeFirstOrThrow();
    expect({ ...doc, exchange_rate: Number(doc.exchange_rate) }).toEqual({
      currency: 'EUR',
      exchange_rate: 1.2,
      status: 'issued',
    });
    // 28.50 EUR at 1.2 = 34.20 USD receivable.
    expect(Number(await roleBalance(t, 'receivable')) - Number(receivable0)).toBeCloseTo(34.2, 2);
  });
});

describe('sales lines in another unit', () => {
  it('2 boxes of 12 reserve and move 24 units, priced per box; the invoice is in boxes; an unknown unit is a 422', async () => {
    const a = await item(t, admin, { units: [{ unit: 'box', factor: '12' }] });
    const customer = await party(t, admin, 'customer');
    await ok(t, admin, 'POST', '/price-lists', {
      name: uniq('Sales'),
      kind: 'sales',
      currency: 'USD',
      prices: [
        { itemId: a.id, unitPrice: '2' },
        { itemId: a.id, minQuantity: '24', unitPrice: '1.75' },
      ],
    });
    const unknown = await call(t, sales, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      lines: [{ itemId: a.id, quantity: '2', unit: 'crate' }],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.type).toMatch(/unknown-unit$/);
    expect(unknown.body.errors?.[0]).toMatchObject({ path: 'lines.0.unit', code: 'unknown_unit' });
    expect(String(unknown.body.detail)).toContain('crate');

    await stockIn(t, admin, { itemId: a.id, locationId: w.stock, quantity: '30', unitCost: '1' });
    const q = await ok<SalesOrder>(t, sales, 'POST', '/sales-orders', {
      customerId: customer,
      warehouseId: w.id,
      lines: [{ itemId: a.id, quantity: '2', unit: 'box' }],
    });
    // 24 units reach the break: 1.75 × 12 per box.
    expect(q.lines[0]).toMatchObject({ unit: 'box', quantity: '2', baseQuantity: '24', unitPrice: '21' });
    expect(q.total).toBe('42.00');
    const so = await ok<SalesOrder>(t, sales, 'POST', `/sales-orders/${q.id}/confirm`, { version: q.version }, 200);
    expect(so.lines[0]!.reservedQuantity).toBe('2');
    const onHand = await ok<{ items: { reserved: string }[] }>(
      t,
      sales,
      'GET',
      `/stock/on-hand?itemId=${a.id}`,
      undefined,
      200,
    );
    expect(onHand.items[0]!.reserved).toBe('24');
    const first = await ok<Delivery>(t, sales, 'POST', `/sales-orders/${so.id}/deliveries`, {
      lines: [{ orderLineId: so.lines[0]!.id, quantity: '1' }],
    });
    expect(first.lines.map((l) => l.quantity)).toEqual(['12']);
    const moves = await t.db
      .selectFrom('supply.moves')
      .select(['quantity', 'unit', 'unit_quantity'])
      .where('source_id', '=', first.id)
      .execute();
    expect(moves.map((m) => [Number(m.quantity), m.unit, Number(m.unit_quantity)])).toEqual([[12, 'box', 1]]);
    const invoice = await ok<Rec & { total: string; invoiceId: string }>(
      t,
      sales,
      'POST',
      `/deliveries/${first.id}/invoice`,
      {},
    );
    expect(invoice.total).toBe('21.00');
    const docLines = await sql<{ quantity: string; unit_price: string }>`
      select quantity::text, unit_price::text from finance.document_lines where document_id = ${invoice.invoiceId}`.execute(
      t.db,
    );
    expect(docLines.rows.map((l) => [Number(l.quantity), Number(l.unit_price)])).toEqual([[1, 21]]);
    await ok(t, sales, 'POST', `/sales-orders/${so.id}/deliveries`, {});
    const done = await ok<SalesOrder>(t, sales, 'GET', `/sales-orders/${so.id}`, undefined, 200);
    expect(done.status).toBe('delivered');
    expect(done.lines[0]).toMatchObject({ deliveredQuantity: '2', backorderQuantity: '0', invoicedQuantity: '1' });
    const left = await ok<{ items: { onHand: string; reserved: string }[] }>(
      t,
      sales,
      'GET',
      `/stock/on-hand?itemId=${a.id}`,
      undefined,
      200,
    );
    expect(left.items[0]).toMatchObject({ onHand: '6', reserved: '0' });
  });
});
