import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import {
  addLocation,
  call,
  inventoryAccountBalance,
  item,
  ok,
  party,
  stockIn,
  warehouse,
  type Rec,
} from '../supply.test-support.js';

interface Delivery {
  id: string;
  number: string;
  lines: { id: string; itemId: string; lotId: string | null; locationId: string; quantity: string; value: string }[];
}
interface OnHand {
  items: {
    lotId: string | null;
    lotCode: string | null;
    locationId: string;
    onHand: string;
    reserved: string;
    available: string;
  }[];
}

let t: TestApp;
let admin: string;
let clerk: string;
let w: { id: string; stock: string };
beforeAll(async () => {
  t = await createTestApp({ poolMax: 6 });
  admin = (await t.userWithRoles(['admin'])).token;
  clerk = (await t.userWithRoles(['warehouse'])).token;
  w = await warehouse(t, admin);
});
afterAll(() => t.close());

const onHand = (itemId: string) => ok<OnHand>(t, clerk, 'GET', `/stock/on-hand?itemId=${itemId}`, undefined, 200);

describe('stock moves', () => {
  it('adjusts in and out in any unit, values at FIFO, posts every valued move, and the ledger runs its balance', async () => {
    const a = await item(t, admin, { units: [{ unit: 'box', factor: '12' }] });
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '10', unitCost: '2' });
    await ok(t, clerk, 'POST', '/stock/adjustments', {
      itemId: a.id,
      locationId: w.stock,
      direction: 'in',
      quantity: '1',
      unit: 'box',
      unitCost: '3',
      reason: 'found',
    });
    const out = await ok<{ moves: { value: string; journalEntryId: string }[] }>(
      t,
      clerk,
      'POST',
      '/stock/adjustments',
      {
        itemId: a.id,
        warehouseId: w.id,
        direction: 'out',
        quantity: '15',
        reason: 'scrap',
      },
    );
    // FIFO: 10 × 2 + 5 × 3
    expect(out.moves.map((m) => m.value)).toEqual(['-35.00']);
    expect(out.moves[0]!.journalEntryId).toBeTruthy();
    const unknownUnit = await call(t, clerk, 'POST', '/stock/adjustments', {
      itemId: a.id,
      locationId: w.stock,
      direction: 'in',
      quantity: '1',
      unit: 'crate',
      reason: 'x',
    });
    expect(unknownUnit.status).toBe(422);
    expect(unknownUnit.body.errors?.[0]?.path).toBe('unit');
    const ledger = await ok<{
      items: {
        kind: string;
        quantity: string;
        unitQuantity: string;
        unit: string;
        balance: string;
        valueBalance: string;
      }[];
    }>(t, clerk, 'GET', `/stock/ledger?itemId=${a.id}`, undefined, 200);
    expect(ledger.items.map((m) => [m.quantity, m.unit, m.unitQuantity, m.balance, m.valueBalance])).toEqual([
      ['10', 'pcs', '10', '10', '20.00'],
      ['12', 'box', '1', '22', '56.00'],
      ['15', 'pcs', '15', '7', '21.00'],
    ]);
    const valuation = await ok<{ total: string; items: { itemId: string; value: string; quantity: string }[] }>(
      t,
      clerk,
      'GET',
      '/stock/valuation',
      undefined,
      200,
    );
    expect(valuation.items.find((i) => i.itemId === a.id)).toMatchObject({ quantity: '7', value: '21.00' });
    expect(valuation.total).toBe(await inventoryAccountBalance(t));
    const csv = await call<string>(t, clerk, 'GET', '/stock/valuation?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body).toContain(`${a.sku},`);
  });

  it('never goes negative unless the item allows it, and the check agrees with the ledger', async () => {
    const a = await item(t, admin);
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '2', unitCost: '5' });
    const tooMuch = await call(t, clerk, 'POST', '/deliveries', {
      lines: [{ itemId: a.id, warehouseId: w.id, quantity: '3' }],
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body).toMatchObject({ type: 'https://moms.dev/problems/insufficient-stock', available: '2.0000' });
    const loose = await item(t, admin, { allowNegative: true });
    await stockIn(t, clerk, { itemId: loose.id, locationId: w.stock, quantity: '1', unitCost: '4' });
    await ok(t, clerk, 'POST', '/deliveries', { lines: [{ itemId: loose.id, locationId: w.stock, quantity: '3' }] });
    expect((await onHand(loose.id)).items[0]).toMatchObject({ onHand: '-2' });
    // Back above zero at another cost: the negative layer is filled, the difference goes to COGS.
    await stockIn(t, clerk, { itemId: loose.id, locationId: w.stock, quantity: '5', unitCost: '6' });
    const v = await ok<{ items: { itemId: string; value: string; quantity: string }[]; total: string }>(
      t,
      clerk,
      'GET',
      '/stock/valuation',
      undefined,
      200,
    );
    expect(v.items.find((i) => i.itemId === loose.id)).toMatchObject({ quantity: '3', value: '18.00' });
    expect(v.total).toBe(await inventoryAccountBalance(t));
    const check = await ok<{ ok: boolean }>(t, clerk, 'GET', '/stock/check', undefined, 200);
    expect(check).toMatchObject({ ok: true, balanceMismatches: [], costMismatches: [] });
    // A balance edited behind the ledger's back is found; moves cannot be edited at all.
    await sql`update supply.balances set on_hand = on_hand + 1 where item_id = ${a.id}`.execute(t.db);
    const broken = await ok<{ ok: boolean; balanceMismatches: { itemId: string }[] }>(
      t,
      clerk,
      'GET',
      '/stock/check',
      undefined,
      200,
    );
    expect(broken.ok).toBe(false);
    expect(broken.balanceMismatches.map((m) => m.itemId)).toEqual([a.id]);
    await sql`update supply.balances set on_hand = on_hand - 1 where item_id = ${a.id}`.execute(t.db);
    await expect(sql`update supply.moves set quantity = 1 where item_id = ${a.id}`.execute(t.db)).rejects.toThrow(
      /immutable/,
    );
  });

  it('two concurrent deliveries of the last unit: exactly one succeeds', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await item(t, admin);
      await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '1', unitCost: '7' });
      const results = await Promise.all(
        [0, 1].map(() =>
          call(t, clerk, 'POST', '/deliveries', { lines: [{ itemId: a.id, warehouseId: w.id, quantity: '1' }] }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect((await onHand(a.id)).items).toEqual([]);
      const moves = await t.db.selectFrom('supply.moves').select('kind').where('item_id', '=', a.id).execute();
      expect(moves.map((m) => m.kind).sort()).toEqual(['adjustment', 'delivery']);
    }
  });

  it('FEFO: a lot item is picked earliest expiry first, across locations; serials are unique per item', async () => {
    const a = await item(t, admin, { tracking: 'lot', shelfLifeDays: 30 });
    const bin = await addLocation(t, admin, w.id, 'FEFO-1');
    await stockIn(t, clerk, {
      itemId: a.id,
      locationId: w.stock,
      quantity: '5',
      unitCost: '1',
      lotCode: 'LATE',
      expiryDate: '2031-06-01',
    });
    await stockIn(t, clerk, {
      itemId: a.id,
      locationId: bin,
      quantity: '3',
      unitCost: '1',
      lotCode: 'EARLY',
      expiryDate: '2031-01-01',
    });
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '2', unitCost: '1', lotCode: 'NEVER' });
    const noLot = await call(t, clerk, 'POST', '/stock/adjustments', {
      itemId: a.id,
      locationId: w.stock,
      direction: 'in',
      quantity: '1',
      reason: 'x',
    });
    expect(noLot.status).toBe(422);
    expect(noLot.body.errors?.[0]?.path).toBe('lotCode');
    const d = await ok<Delivery>(t, clerk, 'POST', '/deliveries', {
      lines: [{ itemId: a.id, warehouseId: w.id, quantity: '4' }],
    });
    const lots = await ok<{ items: { id: string; code: string; expiryDate: string | null; onHand: string }[] }>(
      t,
      clerk,
      'GET',
      `/lots?itemId=${a.id}`,
      undefined,
      200,
    );
    const code = new Map(lots.items.map((l) => [l.id, l.code]));
    // NEVER got no expiry date, so the shelf life gave it one (today + 30 days): it goes first.
    const never = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(lots.items.find((l) => l.code === 'NEVER')!.expiryDate).toBe(never);
    expect(d.lines.map((l) => [code.get(l.lotId!), l.quantity])).toEqual([
      ['NEVER', '2'],
      ['EARLY', '2'],
    ]);
    const next = await ok<Delivery>(t, clerk, 'POST', '/deliveries', {
      lines: [{ itemId: a.id, warehouseId: w.id, quantity: '2' }],
    });
    expect(next.lines.map((l) => [code.get(l.lotId!), l.quantity])).toEqual([
      ['EARLY', '1'],
      ['LATE', '1'],
    ]);

    const s = await item(t, admin, { tracking: 'serial' });
    await stockIn(t, clerk, { itemId: s.id, locationId: w.stock, quantity: '1', unitCost: '900', lotCode: 'SN-1' });
    const twice = await call(t, clerk, 'POST', '/stock/adjustments', {
      itemId: s.id,
      locationId: bin,
      direction: 'in',
      quantity: '1',
      unitCost: '900',
      lotCode: 'SN-1',
      reason: 'x',
    });
    expect(twice.status).toBe(422);
    expect(twice.body.type).toMatch(/serial-quantity$/);
    const two = await call(t, clerk, 'POST', '/stock/adjustments', {
      itemId: s.id,
      locationId: bin,
      direction: 'in',
      quantity: '2',
      unitCost: '900',
      lotCode: 'SN-2',
      reason: 'x',
    });
    expect(two.status).toBe(422);
  });

  it('reservations hold stock: available = on hand − reserved; a delivery uses them up; release frees them', async () => {
    const a = await item(t, admin);
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '5', unitCost: '2' });
    const r = await ok<{ sourceId: string }>(t, clerk, 'POST', '/reservations', {
      itemId: a.id,
      warehouseId: w.id,
      quantity: '4',
      reference: 'SO-1',
    });
    expect((await onHand(a.id)).items[0]).toMatchObject({ onHand: '5', reserved: '4', available: '1' });
    expect(
      (await call(t, clerk, 'POST', '/deliveries', { lines: [{ itemId: a.id, warehouseId: w.id, quantity: '2' }] }))
        .status,
    ).toBe(409);
    expect(
      (
        await call(t, clerk, 'POST', '/reservations', {
          itemId: a.id,
          warehouseId: w.id,
          quantity: '2',
          reference: 'SO-2',
        })
      ).status,
    ).toBe(409);
    const d = await ok<Delivery>(t, clerk, 'POST', '/deliveries', { reservationSourceId: r.sourceId });
    expect(d.lines.map((l) => [l.quantity, l.value])).toEqual([['4', '8.00']]);
    expect((await onHand(a.id)).items[0]).toMatchObject({ onHand: '1', reserved: '0', available: '1' });
    const r2 = await ok<{ sourceId: string }>(t, clerk, 'POST', '/reservations', {
      itemId: a.id,
      warehouseId: w.id,
      quantity: '1',
      reference: 'SO-3',
    });
    expect((await call(t, clerk, 'DELETE', `/reservations/${r2.sourceId}`)).status).toBe(204);
    expect((await onHand(a.id)).items[0]).toMatchObject({ reserved: '0', available: '1' });
  });

  it('transfers between bins keep the value; customer returns come back at the cost they left at', async () => {
    const a = await item(t, admin);
    const customer = await party(t, admin, 'customer');
    const bin = await addLocation(t, admin, w.id, 'T-1');
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '4', unitCost: '3' });
    const before = await inventoryAccountBalance(t);
    await ok(t, clerk, 'POST', '/stock/transfers', {
      itemId: a.id,
      fromLocationId: w.stock,
      toLocationId: bin,
      quantity: '3',
    });
    expect(await inventoryAccountBalance(t)).toBe(before);
    const d = await ok<Delivery>(t, clerk, 'POST', '/deliveries', {
      customerId: customer,
      lines: [{ itemId: a.id, locationId: bin, quantity: '2' }],
    });
    const tooMany = await call(t, clerk, 'POST', `/deliveries/${d.id}/returns`, {
      lines: [{ deliveryLineId: d.lines[0]!.id, quantity: '3' }],
    });
    expect(tooMany.status).toBe(422);
    // A later receipt at another cost does not change what the return is worth.
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '1', unitCost: '10' });
    const ret = await ok<Delivery>(t, clerk, 'POST', `/deliveries/${d.id}/returns`, {
      lines: [{ deliveryLineId: d.lines[0]!.id, quantity: '1' }],
    });
    expect(ret.lines.map((l) => [l.quantity, l.value, l.locationId])).toEqual([['1', '3.00', bin]]);
    const v = await ok<{ total: string }>(t, clerk, 'GET', '/stock/valuation', undefined, 200);
    expect(v.total).toBe(await inventoryAccountBalance(t));
  });

  it('valuation snapshots: a valuation as of a date reads the snapshot plus later moves; backdated moves update it', async () => {
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const a = await item(t, admin);
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '4', unitCost: '2.5', date: day(5) });
    const snap = await ok<{ asOf: string; total: string }>(t, admin, 'POST', '/stock/valuation-snapshots', {
      asOf: day(2),
    });
    expect(snap.asOf).toBe(day(2));
    expect((await call(t, admin, 'POST', '/stock/valuation-snapshots', { asOf: day(2) })).status).toBe(409);
    expect((await call(t, clerk, 'POST', '/stock/valuation-snapshots', { asOf: day(1) })).status).toBe(403);
    // After the snapshot: one move today, one backdated before it.
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '1', unitCost: '7' });
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '2', unitCost: '1', date: day(4) });
    const fromMoves = async (asOf: string) =>
      (
        await sql<{
          v: string;
        }>`select coalesce(sum(value), 0)::numeric(19,2)::text as v from supply.moves where move_date <= ${asOf}`.execute(
          t.db,
        )
      ).rows[0]!.v;
    for (const asOf of [day(3), day(2), day(0)]) {
      const v = await ok<{ total: string; items: { itemId: string; quantity: string; value: string }[] }>(
        t,
        clerk,
        'GET',
        `/stock/valuation?asOf=${asOf}`,
        undefined,
        200,
      );
      expect(v.total).toBe(await fromMoves(asOf));
      expect(v.total).toBe(await inventoryAccountBalance(t, asOf));
    }
    const atSnapshot = await ok<{ items: { itemId: string; quantity: string; value: string }[] }>(
      t,
      clerk,
      'GET',
      `/stock/valuation?asOf=${day(2)}`,
      undefined,
      200,
    );
    expect(atSnapshot.items.find((i) => i.itemId === a.id)).toMatchObject({ quantity: '6', value: '12.00' });
  });

  it('emits delivery done, and stock below minimum when a move takes the warehouse below its rule', async () => {
    const a = await item(t, admin);
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '6', unitCost: '1' });
    await ok(t, clerk, 'POST', '/reorder-rules', {
      itemId: a.id,
      warehouseId: w.id,
      minQuantity: '5',
      maxQuantity: '10',
    });
    const events = async () =>
      (
        await sql<{ event_type: string; payload: unknown }>`select event_type, payload from platform.outbox
          where payload::text like ${'%' + a.id + '%'} order by occurred_at`.execute(t.db)
      ).rows.map((r) => [r.event_type, typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload]);
    await ok(t, clerk, 'POST', '/deliveries', { lines: [{ itemId: a.id, warehouseId: w.id, quantity: '1' }] });
    expect((await events()).map(([type]) => type)).toEqual(['supply.delivery.done']);
    await ok(t, clerk, 'POST', '/deliveries', { lines: [{ itemId: a.id, warehouseId: w.id, quantity: '2' }] });
    await ok(t, clerk, 'POST', '/deliveries', { lines: [{ itemId: a.id, warehouseId: w.id, quantity: '1' }] });
    // 6 → 5 → 3 (below 5: once) → 2 (still below: no new event).
    const all = await events();
    expect(all.map(([type]) => type).sort()).toEqual([
      'supply.delivery.done',
      'supply.delivery.done',
      'supply.delivery.done',
      'supply.stock.below-minimum',
    ]);
    expect(all.find(([type]) => type === 'supply.stock.below-minimum')![1]).toMatchObject({
      itemId: a.id,
      warehouseId: w.id,
      available: '3.0000',
      minQuantity: '5.0000',
    });
  });

  it('counts post adjustments with their reason and value', async () => {
    const a = await item(t, admin);
    await stockIn(t, clerk, { itemId: a.id, locationId: w.stock, quantity: '10', unitCost: '4' });
    const count = await ok<Rec & { lines: { difference: string }[] }>(t, clerk, 'POST', '/counts', {
      warehouseId: w.id,
      reason: 'cycle count Q4',
      lines: [{ itemId: a.id, countedQuantity: '7' }],
    });
    expect(count.lines.map((l) => l.difference)).toEqual(['-3']);
    const posted = await ok(t, clerk, 'POST', `/counts/${count.id}/post`, { version: 1 }, 200);
    expect(posted.status).toBe('posted');
    expect((await call(t, clerk, 'POST', `/counts/${count.id}/post`, { version: 2 })).status).toBe(409);
    const reasons = await ok<{ items: { kind: string; reason: string; quantity: string; value: string }[] }>(
      t,
      clerk,
      'GET',
      '/reports/moves-by-reason?from=2000-01-01&to=2999-12-31',
      undefined,
      200,
    );
    expect(reasons.items.find((r) => r.reason === 'cycle count Q4')).toMatchObject({
      kind: 'count',
      quantity: '3',
      value: '-12.00',
    });
    const slow = await ok<{ items: { itemId: string }[] }>(
      t,
      clerk,
      'GET',
      '/reports/slow-moving?days=1&asOf=2999-01-01',
      undefined,
      200,
    );
    expect(slow.items.map((i) => i.itemId)).toContain(a.id);
  });
});
