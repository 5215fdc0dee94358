import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { call, item, ok, party, uniq, warehouse, type Rec } from '../supply.test-support.js';

let t: TestApp;
let admin: string;
let clerk: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.userWithRoles(['admin'])).token;
  clerk = (await t.userWithRoles(['warehouse'])).token;
});
afterAll(() => t.close());

describe('items', () => {
  it('creates with units and tracking, changes with a version, audits, and refuses bad input per field', async () => {
    const made = await ok(t, admin, 'POST', '/items', {
      sku: 'PAPER-A4',
      name: 'Paper',
      uom: 'ream',
      units: [{ unit: 'box', factor: '5' }],
      barcode: '4006381333931',
      category: 'Office',
      tracking: 'lot',
      shelfLifeDays: 365,
    });
    expect(made).toMatchObject({
      sku: 'PAPER-A4',
      uom: 'ream',
      units: [{ unit: 'box', factor: '5' }],
      tracking: 'lot',
      onHand: '0',
      version: 1,
    });
    expect((await call(t, admin, 'PATCH', `/items/${made.id}`, { version: 2, name: 'Stale' })).status).toBe(409);
    const changed = await ok(t, admin, 'PATCH', `/items/${made.id}`, { version: 1, name: 'Copy paper' }, 200);
    expect(changed).toMatchObject({ name: 'Copy paper', version: 2 });
    const byBarcode = await ok<{ items: Rec[] }>(t, clerk, 'GET', '/items?barcode=4006381333931', undefined, 200);
    expect(byBarcode.items.map((i) => i.id)).toEqual([made.id]);
    expect((await call(t, admin, 'POST', '/items', { sku: 'PAPER-A4', name: 'Twin' })).status).toBe(409);
    const bad = await call(t, admin, 'POST', '/items', {
      sku: 'bad sku',
      name: '',
      tracking: 'batch',
      units: [{ unit: 'x', factor: '0' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['name', 'sku', 'tracking', 'units.0.factor']);
    const twice = await call(t, admin, 'POST', '/items', {
      sku: uniq('S'),
      name: 'n',
      uom: 'pcs',
      units: [{ unit: 'pcs', factor: '2' }],
    });
    expect(twice.status).toBe(422);
    const audit = await t.db
      .selectFrom('platform.audit_log')
      .select('action')
      .where('entity_id', '=', made.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['item.created', 'item.updated']);
  });

  it('the catalogue needs supply:admin to change and supply:read to see', async () => {
    expect((await call(t, clerk, 'POST', '/items', { sku: uniq('S'), name: 'x' })).status).toBe(403);
    const outsider = (await t.userWithRoles(['employee'])).token;
    expect((await call(t, outsider, 'GET', '/items')).status).toBe(403);
  });
});

describe('price lists', () => {
  it('picks the best quantity break, the party list first, per currency', async () => {
    const a = await item(t, admin);
    const supplier = await party(t, admin, 'vendor');
    await ok(t, admin, 'POST', '/price-lists', {
      name: uniq('Sales'),
      kind: 'sales',
      currency: 'USD',
      prices: [
        { itemId: a.id, minQuantity: '0', unitPrice: '10' },
        { itemId: a.id, minQuantity: '10', unitPrice: '9' },
        { itemId: a.id, minQuantity: '100', unitPrice: '8' },
      ],
    });
    const price = async (q: string, extra = '') =>
      (await ok<Rec>(t, clerk, 'GET', `/prices?itemId=${a.id}&quantity=${q}${extra}`, undefined, 200)).unitPrice;
    expect([await price('1'), await price('10'), await price('99.5'), await price('500')]).toEqual([
      '10',
      '9',
      '9',
      '8',
    ]);
    expect(await price('1', '&currency=EUR')).toBeNull();
    const list = await ok(t, admin, 'POST', '/price-lists', {
      name: uniq('Supplier'),
      kind: 'purchase',
      currency: 'USD',
      partyId: supplier,
      prices: [{ itemId: a.id, unitPrice: '6.5' }],
    });
    expect(await price('1', `&kind=purchase&partyId=${supplier}`)).toBe('6.5');
    expect(await price('1', '&kind=purchase')).toBeNull();
    const replaced = await ok<Rec & { prices: unknown[] }>(
      t,
      admin,
      'PATCH',
      `/price-lists/${list.id}`,
      { version: 1, prices: [] },
      200,
    );
    expect(replaced.prices).toEqual([]);
    const customer = await party(t, admin, 'customer');
    const wrong = await call(t, admin, 'POST', '/price-lists', {
      name: uniq('P'),
      kind: 'purchase',
      currency: 'USD',
      partyId: customer,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors?.[0]?.path).toBe('partyId');
  });
});

describe('warehouses', () => {
  it('come with a default location, take bins and an address', async () => {
    const w = await ok<Rec & { locations: Rec[] }>(t, admin, 'POST', '/warehouses', {
      code: uniq('W').slice(0, 20),
      name: 'Main',
      address: { city: 'Rotterdam', country: 'NL' },
    });
    expect(w.locations).toMatchObject([{ code: 'STOCK', isDefault: true }]);
    const withBin = await ok<Rec & { locations: Rec[] }>(t, admin, 'POST', `/warehouses/${w.id}/locations`, {
      code: 'A-01',
      name: 'Bay',
    });
    expect(withBin.locations.map((l) => l.code)).toEqual(['A-01', 'STOCK']);
    expect((await call(t, admin, 'POST', `/warehouses/${w.id}/locations`, { code: 'A-01', name: 'Twin' })).status).toBe(
      409,
    );
    const moved = await ok(t, admin, 'PATCH', `/warehouses/${w.id}`, { version: 1, address: { city: 'Delft' } }, 200);
    expect(moved.address).toEqual({ city: 'Delft' });
    const other = await warehouse(t, admin);
    expect(other.stock).toBeTruthy();
  });
});
