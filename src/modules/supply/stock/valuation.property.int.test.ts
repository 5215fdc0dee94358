import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness/test-app.js';
import { addLocation, call, inventoryAccountBalance, item, ok, warehouse, type Rec } from '../supply.test-support.js';

/**
 * Whatever sequence of receipts, issues (deliveries), transfers, customer returns, counts and changes
 * of an item's standard cost runs, the
 * stock valuation report equals the inventory account's balance in the ledger, and both equal a model
 * of the valuation method kept here from the requests alone (never from the server's figures).
 */
type Op =
  | { kind: 'receive'; item: number; loc: number; qty: number; cents: number }
  | { kind: 'issue'; item: number; loc: number; qty: number }
  | { kind: 'transfer'; item: number; from: number; qty: number }
  | { kind: 'return'; pick: number; qty: number }
  | { kind: 'count'; item: number; loc: number; counted: number }
  | { kind: 'restandard'; item: number; cents: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      item: fc.nat({ max: 1 }),
      loc: fc.nat({ max: 1 }),
      qty: fc.integer({ min: 1, max: 9 }),
      cents: fc.integer({ min: 1, max: 99_999 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('issue' as const),
      item: fc.nat({ max: 1 }),
      loc: fc.nat({ max: 1 }),
      qty: fc.integer({ min: 1, max: 7 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('transfer' as const),
      item: fc.nat({ max: 1 }),
      from: fc.nat({ max: 1 }),
      qty: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      pick: fc.nat({ max: 50 }),
      qty: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('count' as const),
      item: fc.nat({ max: 1 }),
      loc: fc.nat({ max: 1 }),
      counted: fc.integer({ min: 0, max: 12 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('restandard' as const),
      item: fc.nat({ max: 1 }),
      cents: fc.integer({ min: 1, max: 99_999 }),
    }),
  },
);
type Method = 'fifo' | 'average' | 'standard';

const D = (v: Decimal.Value) => new Decimal(v);
const r2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** The valuation of one item as the method defines it. */
class ItemModel {
  qty = D(0);
  value = D(0);
  last = D(0);
  layers: { qty: Decimal; cost: Decimal }[] = [];
  at = [D(0), D(0)];
  constructor(
    readonly method: Method,
    /** Per base unit (every item has one; only the standard method uses it). */
    public standard: Decimal,
  ) {}

  currentCost() {
    return this.qty.gt(0) ? this.value.div(this.qty).toDecimalPlaces(6) : this.last;
  }

  /** A new standard cost: under the standard method, what is on hand is revalued to it. */
  restandard(cost: Decimal) {
    this.standard = cost;
    if (this.method === 'standard' && !this.qty.isZero()) this.value = r2(this.qty.times(cost));
  }

  receive(q: Decimal, cost: Decimal) {
    const v = r2(q.times(this.method === 'standard' ? this.standard : cost));
    this.layers.push({ qty: q, cost });
    this.qty = this.qty.plus(q);
    this.value = this.value.plus(v);
    this.last = cost;
    return v;
  }

  issue(q: Decimal) {
    let raw: Decimal;
    if (this.method === 'standard') raw = q.times(this.standard);
    else if (this.method === 'fifo') {
      raw = D(0);
      let need = q;
      for (const layer of this.layers) {
        const take = Decimal.min(need, layer.qty);
        raw = raw.plus(take.times(layer.cost));
        layer.qty = layer.qty.minus(take);
        need = need.minus(take);
      }
      this.layers = this.layers.filter((l) => l.qty.gt(0));
    } else raw = q.times(this.value.div(this.qty));
    const after = this.qty.minus(q);
    const v = after.isZero() ? this.value : r2(raw);
    this.qty = after;
    this.value = this.value.minus(v);
    return v;
  }
}

async function runProperty(method: Method) {
  const t: TestApp = await createTestApp();
  try {
    const admin = (await t.userWithRoles(['admin'])).token;
    const settings = await ok<Rec>(t, admin, 'GET', '/settings', undefined, 200);
    await ok(t, admin, 'PATCH', '/settings', { version: settings.version, valuationMethod: method }, 200);
    const w = await warehouse(t, admin);
    const locs = [w.stock, await addLocation(t, admin, w.id, 'B-1')];
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    // Valuations then read from this snapshot plus the moves after it.
    await ok(t, admin, 'POST', '/stock/valuation-snapshots', { asOf: yesterday });

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 12 }), async (ops) => {
        const standards = [D(3.5), D(0.07)];
        const items = [
          await item(t, admin, { standardCost: standards[0]!.toString() }),
          await item(t, admin, { standardCost: standards[1]!.toString() }),
        ];
        const models = [new ItemModel(method, standards[0]!), new ItemModel(method, standards[1]!)];
        const deliveries: {
          id: string;
          lineId: string;
          item: number;
          loc: number;
          qty: Decimal;
          left: Decimal;
          value: Decimal;
        }[] = [];
        const ledgerBefore = D(await inventoryAccountBalance(t));
        for (const o of ops) {
          if (o.kind === 'receive') {
            const m = models[o.item]!;
            const cost = D(o.cents).div(100);
            await ok(t, admin, 'POST', '/stock/adjustments', {
              itemId: items[o.item]!.id,
              locationId: locs[o.loc],
              direction: 'in',
              quantity: String(o.qty),
              unitCost: cost.toString(),
              reason: 'receipt',
            });
            m.receive(D(o.qty), cost);
            m.at[o.loc] = m.at[o.loc]!.plus(o.qty);
          } else if (o.kind === 'issue') {
            const m = models[o.item]!;
            const res = await call<{ id: string; lines: { id: string }[] }>(t, admin, 'POST', '/deliveries', {
              lines: [{ itemId: items[o.item]!.id, locationId: locs[o.loc], quantity: String(o.qty) }],
            });
            if (m.at[o.loc]!.lt(o.qty)) {
              expect(res.status).toBe(409);
              continue;
            }
            expect(res.status).toBe(201);
            const v = m.issue(D(o.qty));
            m.at[o.loc] = m.at[o.loc]!.minus(o.qty);
            deliveries.push({
              id: res.body.id,
              lineId: res.body.lines[0]!.id,
              item: o.item,
              loc: o.loc,
              qty: D(o.qty),
              left: D(o.qty),
              value: v,
            });
          } else if (o.kind === 'transfer') {
            const m = models[o.item]!;
            const res = await call(t, admin, 'POST', '/stock/transfers', {
              itemId: items[o.item]!.id,
              fromLocationId: locs[o.from],
              toLocationId: locs[1 - o.from],
              quantity: String(o.qty),
            });
            if (m.at[o.from]!.lt(o.qty)) {
              expect(res.status).toBe(409);
              continue;
            }
            expect(res.status).toBe(201);
            m.at[o.from] = m.at[o.from]!.minus(o.qty);
            m.at[1 - o.from] = m.at[1 - o.from]!.plus(o.qty);
          } else if (o.kind === 'return') {
            if (deliveries.length === 0) continue;
            const d = deliveries[o.pick % deliveries.length]!;
            const res = await call(t, admin, 'POST', `/deliveries/${d.id}/returns`, {
              lines: [{ deliveryLineId: d.lineId, quantity: String(o.qty) }],
            });
            if (d.left.lt(o.qty)) {
              expect(res.status).toBe(422);
              continue;
            }
            expect(res.status).toBe(201);
            const m = models[d.item]!;
            // Back at the cost it left at.
            m.receive(D(o.qty), d.value.div(d.qty).toDecimalPlaces(6));
            m.at[d.loc] = m.at[d.loc]!.plus(o.qty);
            d.left = d.left.minus(o.qty);
          } else if (o.kind === 'restandard') {
            const cost = D(o.cents).div(100);
            const it = items[o.item]!;
            const updated = await ok<Rec>(
              t,
              admin,
              'PATCH',
              `/items/${it.id}`,
              { version: it.version, standardCost: cost.toString() },
              200,
            );
            it.version = updated.version;
            models[o.item]!.restandard(cost);
          } else {
            const m = models[o.item]!;
            const count = await ok<Rec>(t, admin, 'POST', '/counts', {
              warehouseId: w.id,
              lines: [{ itemId: items[o.item]!.id, locationId: locs[o.loc], countedQuantity: String(o.counted) }],
            });
            await ok(t, admin, 'POST', `/counts/${count.id}/post`, { version: count.version }, 200);
            const diff = D(o.counted).minus(m.at[o.loc]!);
            if (diff.gt(0)) m.receive(diff, m.currentCost());
            else if (diff.lt(0)) m.issue(diff.neg());
            m.at[o.loc] = D(o.counted);
          }
        }
        const valuation = await ok<{ total: string; items: { itemId: string; quantity: string; value: string }[] }>(
          t,
          admin,
          'GET',
          '/stock/valuation',
          undefined,
          200,
        );
        const expected = items.map((it, i) => ({
          itemId: it.id,
          quantity: models[i]!.qty.toString(),
          value: models[i]!.value.toFixed(2),
        }));
        const reported = items.map((it) => {
          const v = valuation.items.find((x) => x.itemId === it.id);
          return { itemId: it.id, quantity: v?.quantity ?? '0', value: v?.value ?? '0.00' };
        });
        expect(reported).toEqual(expected);
        expect(valuation.total).toBe(await inventoryAccountBalance(t));
        const modelTotal = models.reduce((s, m) => s.plus(m.value), D(0));
        expect(
          D(await inventoryAccountBalance(t))
            .minus(ledgerBefore)
            .toFixed(2),
        ).toBe(modelTotal.toFixed(2));
        const earlier = await ok<{ total: string }>(
          t,
          admin,
          'GET',
          `/stock/valuation?asOf=${yesterday}`,
          undefined,
          200,
        );
        expect(earlier.total).toBe(await inventoryAccountBalance(t, yesterday));
        expect((await ok<{ ok: boolean }>(t, admin, 'GET', '/stock/check', undefined, 200)).ok).toBe(true);
      }),
      { numRuns: 3 },
    );
  } finally {
    await t.close();
  }
}

describe('valuation property: the valuation report equals the inventory account and the model', () => {
  it('FIFO', async () => {
    await runProperty('fifo');
  });
  it('moving average', async () => {
    await runProperty('average');
  });
  it('standard cost (with changes of the standard cost revaluing what is on hand)', async () => {
    await runProperty('standard');
  });
});
