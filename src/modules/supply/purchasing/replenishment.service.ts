import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp, today } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { baseCurrency, lookupParty } from '../../finance/index.js';
import { findPrice } from '../catalogue/catalogue.repository.js';
import { dec, qtyString } from '../stock/stock.engine.js';
import * as stockRepo from '../stock/stock.repository.js';
import { stockItem } from '../stock/stock.service.js';
import { trimZeros } from '../supply.shared.js';
import * as repo from './purchasing.repository.js';
import type { ReorderRuleInput, UpdateReorderRuleInput } from './purchasing.schemas.js';

const ENTITY = 'supply.reorder-rule';
const ruleDto = (r: repo.RuleRow) => ({
  id: r.id,
  itemId: r.item_id,
  warehouseId: r.warehouse_id,
  minQuantity: trimZeros(r.min_quantity),
  maxQuantity: trimZeros(r.max_quantity),
  supplierId: r.supplier_id,
  version: r.version,
  createdAt: isoTimestamp(r.created_at),
  updatedAt: isoTimestamp(r.updated_at),
});

function checkRange(min: string, max: string) {
  if (dec(max).lt(min))
    throw errors.validation([{ path: 'maxQuantity', message: 'The maximum is at least the minimum.' }]);
}

async function checkSupplier(db: Db, id: string | null | undefined) {
  if (id && !(await lookupParty(db, id, 'vendor'))) throw errors.invalidReference('supplierId', 'Supplier', id);
}

export async function listRules(db: Db, f: { itemId?: string | undefined; warehouseId?: string | undefined }) {
  return { items: (await repo.listRules(db, f)).map(ruleDto) };
}

export async function createRule(db: Db, ctx: RequestContext, input: ReorderRuleInput) {
  checkRange(input.minQuantity, input.maxQuantity);
  return inTransaction(db, async (trx) => {
    await stockItem(trx, input.itemId, 'itemId');
    if (!(await stockRepo.findDefaultLocation(trx, input.warehouseId)))
      throw errors.invalidReference('warehouseId', 'Warehouse', input.warehouseId);
    await checkSupplier(trx, input.supplierId);
    const row = await repo.insertRule(trx, {
      item_id: input.itemId,
      warehouse_id: input.warehouseId,
      min_quantity: input.minQuantity,
      max_quantity: input.maxQuantity,
      supplier_id: input.supplierId ?? null,
    });
    await writeAudit(trx, ctx, {
      action: 'reorder-rule.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...input },
    });
    return ruleDto(row);
  });
}

export async function updateRule(db: Db, ctx: RequestContext, id: string, input: UpdateReorderRuleInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findRule(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Reorder rule', id);
    assertVersion('Reorder rule', before, input.version);
    checkRange(input.minQuantity ?? before.min_quantity, input.maxQuantity ?? before.max_quantity);
    await checkSupplier(trx, input.supplierId);
    const after = await repo.updateRule(trx, id, {
      ...(input.minQuantity !== undefined ? { min_quantity: input.minQuantity } : {}),
      ...(input.maxQuantity !== undefined ? { max_quantity: input.maxQuantity } : {}),
      ...(input.supplierId !== undefined ? { supplier_id: input.supplierId } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'reorder-rule.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return ruleDto(after);
  });
}

export async function deleteRule(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.findRule(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Reorder rule', id);
    assertVersion('Reorder rule', before, version);
    await repo.deleteRule(trx, id);
    await writeAudit(trx, ctx, {
      action: 'reorder-rule.deleted',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
    });
  });
}

/**
 * For every reorder rule whose available + incoming (open order lines) is below its minimum, orders
 * up to the maximum: one draft purchase order per supplier × warehouse, at the supplier's price list
 * (0 when it has none: the buyer fills it in). Rules without a supplier are reported, not ordered.
 * Serialized (an advisory lock), so two runs never order the same shortfall twice.
 */
export async function replenish(db: Db, ctx: RequestContext, warehouseId?: string) {
  return inTransaction(db, async (trx) => {
    await repo.lockReplenishment(trx);
    const needs = await repo.replenishmentNeeds(trx, warehouseId);
    const groups = new Map<
      string,
      { supplierId: string; warehouseId: string; lines: { itemId: string; quantity: string }[] }
    >();
    const skipped: { itemId: string; warehouseId: string; reason: string }[] = [];
    for (const n of needs) {
      const position = dec(n.available).plus(n.incoming);
      if (position.gte(n.min_quantity)) continue;
      const quantity = dec(n.max_quantity).minus(position);
      if (quantity.lte(0)) continue;
      if (!n.supplier_id) {
        skipped.push({
          itemId: n.item_id,
          warehouseId: n.warehouse_id,
          reason: 'No supplier on the rule or the item.',
        });
        continue;
      }
      const key = `${n.supplier_id}|${n.warehouse_id}`;
      const g = groups.get(key) ?? { supplierId: n.supplier_id, warehouseId: n.warehouse_id, lines: [] };
      g.lines.push({ itemId: n.item_id, quantity: qtyString(quantity) });
      groups.set(key, g);
    }
    const base = await baseCurrency(trx);
    const orders = [];
    for (const g of groups.values()) {
      const supplier = await lookupParty(trx, g.supplierId, 'vendor');
      if (!supplier) {
        for (const l of g.lines)
          skipped.push({ itemId: l.itemId, warehouseId: g.warehouseId, reason: 'The supplier is not a vendor.' });
        continue;
      }
      const currency = supplier.currency ?? base;
      if (currency !== base) {
        for (const l of g.lines)
          skipped.push({
            itemId: l.itemId,
            warehouseId: g.warehouseId,
            reason: `The supplier buys in ${currency}: order by hand.`,
          });
        continue;
      }
      const number = await stockRepo.nextNumber(trx, 'PO');
      const row = await repo.insertOrder(trx, {
        number,
        supplier_id: g.supplierId,
        warehouse_id: g.warehouseId,
        order_date: today(),
        expected_date: null,
        currency,
        exchange_rate: '1',
        memo: 'Proposed by replenishment',
        created_by: ctx.actor?.userId ?? null,
      });
      const lines = [];
      for (const [i, l] of g.lines.entries()) {
        const price = await findPrice(trx, {
          itemId: l.itemId,
          quantity: l.quantity,
          kind: 'purchase',
          currency,
          partyId: g.supplierId,
        });
        lines.push({
          line_no: i + 1,
          item_id: l.itemId,
          // Proposed in the base unit (the rule's min/max are in it).
          unit: (await stockRepo.findItem(trx, l.itemId))!.uom,
          quantity: l.quantity,
          unit_price: price?.unit_price ?? '0',
          expected_date: null,
        });
      }
      await repo.replaceOrderLines(trx, row.id, lines);
      await writeAudit(trx, ctx, {
        action: 'purchase-order.proposed',
        entityType: 'supply.purchase-order',
        entityId: row.id,
        after: { number, lines: g.lines },
      });
      orders.push({ id: row.id, number, supplierId: g.supplierId, lines: lines.length });
    }
    return { orders, skipped };
  });
}
