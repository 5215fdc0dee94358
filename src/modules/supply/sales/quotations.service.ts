import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { today } from '../../../platform/dates.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { findOpportunityLink, followOpportunityAmount } from '../../crm/index.js';
import { baseCurrency, lookupParty } from '../../finance/index.js';
import { baseQuantity, lineUnit, listPrice } from '../order-lines.js';
import { dec } from '../stock/stock.engine.js';
import * as stockRepo from '../stock/stock.repository.js';
import { stockItem } from '../stock/stock.service.js';
import { supplyErrors } from '../supply.errors.js';
import * as repo from './sales.repository.js';
import type { CreateQuotationInput, UpdateQuotationInput } from './sales.schemas.js';
import { orderTotal, orderView } from './sales.view.js';

const ENTITY = 'supply.sales-order';

/** The lines' units, base quantities and prices (the sales price lists in the order's currency by default). */
async function buildLines(
  trx: Tx,
  orderId: string,
  lines: CreateQuotationInput['lines'],
  o: { currency: string; customerId: string },
) {
  const out = [];
  for (const [i, l] of lines.entries()) {
    const item = await stockItem(trx, l.itemId, `lines.${i}.itemId`);
    const unit = await lineUnit(trx, item, l.unit, `lines.${i}.unit`);
    const base = baseQuantity(l.quantity, unit, `lines.${i}.quantity`);
    const price =
      l.unitPrice ??
      (await listPrice(trx, {
        itemId: l.itemId,
        base,
        unit,
        kind: 'sales',
        currency: o.currency,
        partyId: o.customerId,
      }));
    if (price === undefined)
      throw errors.validation([
        {
          path: `lines.${i}.unitPrice`,
          message: `No sales price list in ${o.currency} has this item: give the price.`,
        },
      ]);
    out.push({
      order_id: orderId,
      line_no: i + 1,
      item_id: l.itemId,
      unit: unit.unit,
      factor: unit.factor.toFixed(6),
      quantity: l.quantity,
      unit_price: price,
      discount_percent: l.discountPercent,
    });
  }
  return out;
}

/** A foreign currency needs its rate to the base currency; the base currency has the rate 1. */
function checkRate(currency: string, base: string, rate: string | undefined) {
  if (currency !== base && !rate)
    throw errors.validation([{ path: 'exchangeRate', message: `An order in ${currency} needs its rate to ${base}.` }]);
  if (currency === base && rate && !dec(rate).eq(1))
    throw errors.validation([{ path: 'exchangeRate', message: 'An order in the base currency has the rate 1.' }]);
}

/**
 * The linked CRM opportunity's amount (and currency) follows the order's total, in the caller's
 * transaction, through CRM's public function (which audits it and bumps its version). A won or lost
 * opportunity keeps the amount it closed with.
 */
export async function followOpportunity(trx: Tx, ctx: RequestContext, orderId: string) {
  const o = await repo.findOrder(trx, orderId);
  if (!o?.opportunity_id) return null;
  return followOpportunityAmount(trx, ctx, o.opportunity_id, {
    amount: orderTotal(await repo.orderLines(trx, orderId)).toFixed(2),
    currency: o.currency,
    source: { type: 'supply.sales-order', id: o.id, number: o.number },
  });
}

/**
 * A quotation: prices from the customer's (else the general) sales price list in the order's currency,
 * with quantity breaks; optionally for an open CRM opportunity, whose amount then follows it.
 */
export async function createQuotation(db: Db, ctx: RequestContext, input: CreateQuotationInput) {
  return inTransaction(db, async (trx) => {
    const customer = await lookupParty(trx, input.customerId, 'customer');
    if (!customer) throw errors.invalidReference('customerId', 'Customer', input.customerId);
    if (!(await stockRepo.findDefaultLocation(trx, input.warehouseId)))
      throw errors.invalidReference('warehouseId', 'Warehouse', input.warehouseId);
    const opportunity = input.opportunityId ? await findOpportunityLink(trx, ctx, input.opportunityId) : undefined;
    if (input.opportunityId && !opportunity)
      throw errors.invalidReference('opportunityId', 'Opportunity', input.opportunityId);
    if (opportunity && opportunity.status !== 'open') throw supplyErrors.opportunityClosed(opportunity.status);
    const base = await baseCurrency(trx);
    const currency = input.currency ?? opportunity?.currency ?? customer.currency ?? base;
    checkRate(currency, base, input.exchangeRate);
    const date = input.date ?? today();
    if (input.validUntil && input.validUntil < date)
      throw errors.validation([
        { path: 'validUntil', message: 'A quotation is valid until a date on or after its own.' },
      ]);
    const row = await repo.insertOrder(trx, {
      number: await stockRepo.nextNumber(trx, 'SO'),
      customer_id: customer.id,
      warehouse_id: input.warehouseId,
      order_date: date,
      valid_until: input.validUntil ?? null,
      currency,
      exchange_rate: currency === base ? '1' : input.exchangeRate!,
      opportunity_id: opportunity?.id ?? null,
      memo: input.memo,
      created_by: ctx.actor?.userId ?? null,
    });
    await repo.insertLines(trx, await buildLines(trx, row.id, input.lines, { currency, customerId: customer.id }));
    await followOpportunity(trx, ctx, row.id);
    await writeAudit(trx, ctx, {
      action: 'quotation.created',
      entityType: ENTITY,
      entityId: row.id,
      after: { ...input, currency, number: row.number },
    });
    return orderView(trx, row.id);
  });
}

/** Changes a quotation (with `version`): its lines (replaced), rate, validity or memo. Orders are not edited. */
export async function updateQuotation(db: Db, ctx: RequestContext, id: string, input: UpdateQuotationInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findOrder(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Sales order', id);
    assertVersion('Sales order', before, input.version);
    if (before.status !== 'quotation') throw supplyErrors.orderStatus(before.number, before.status, 'edited');
    if (input.exchangeRate) checkRate(before.currency, await baseCurrency(trx), input.exchangeRate);
    if (input.validUntil && input.validUntil < before.order_date)
      throw errors.validation([
        { path: 'validUntil', message: 'A quotation is valid until a date on or after its own.' },
      ]);
    const linesBefore = await repo.orderLines(trx, id);
    if (input.lines) {
      const lines = await buildLines(trx, id, input.lines, {
        currency: before.currency,
        customerId: before.customer_id,
      });
      await repo.deleteLines(trx, id);
      await repo.insertLines(trx, lines);
    }
    await repo.updateOrder(trx, id, {
      ...(input.exchangeRate ? { exchange_rate: input.exchangeRate } : {}),
      ...(input.validUntil !== undefined ? { valid_until: input.validUntil } : {}),
      ...(input.memo !== undefined ? { memo: input.memo } : {}),
    });
    const opportunity = await followOpportunity(trx, ctx, id);
    await writeAudit(trx, ctx, {
      action: 'quotation.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before, lines: linesBefore },
      after: { ...input, ...(opportunity ? { opportunity } : {}) },
    });
    return orderView(trx, id);
  });
}
