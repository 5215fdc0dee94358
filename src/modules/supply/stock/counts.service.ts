import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp, today } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { supplyErrors } from '../supply.errors.js';
import { trimZeros } from '../supply.shared.js';
import * as repo from './counts.repository.js';
import type { CountDto, CountFilter, CountSummaryDto, CreateCountInput } from './counts.schemas.js';
import { applyMove, dec, supplyAccounts } from './stock.engine.js';
import * as stockRepo from './stock.repository.js';
import { incomingLocation, placesOf, stockItem } from './stock.service.js';

async function countView(db: Db, id: string): Promise<CountDto> {
  const c = await repo.findCount(db, id);
  if (!c) throw errors.notFound('Count', id);
  const lines = await repo.countLines(db, id);
  return {
    id: c.id,
    number: c.number,
    warehouseId: c.warehouse_id,
    date: c.count_date,
    status: c.status,
    reason: c.reason,
    lines: lines.map((l) => ({
      id: l.id,
      itemId: l.item_id,
      locationId: l.location_id,
      lotId: l.lot_id,
      countedQuantity: trimZeros(l.counted_quantity),
      onHand: trimZeros(dec(l.on_hand).toFixed(4)),
      difference: c.status === 'open' ? trimZeros(dec(l.counted_quantity).minus(l.on_hand).toFixed(4)) : '0',
    })),
    version: c.version,
    createdAt: isoTimestamp(c.created_at),
    updatedAt: isoTimestamp(c.updated_at),
  };
}

export const getCount = (db: Db, id: string) => countView(db, id);

/** A page of counts, newest number first by default. */
export async function listCounts(db: Db, filter: CountFilter) {
  const page = await repo.listCounts(db, filter);
  return {
    items: page.items.map((c): CountSummaryDto => ({
      id: c.id,
      number: c.number,
      warehouseId: c.warehouse_id,
      date: c.count_date,
      status: c.status,
      reason: c.reason,
      lineCount: Number(c.line_count ?? 0),
      version: c.version,
      createdAt: isoTimestamp(c.created_at),
      updatedAt: isoTimestamp(c.updated_at),
    })),
    nextCursor: page.nextCursor,
  };
}

/** An open count: what was counted per item × location × lot (nothing moves until it is posted). */
export async function createCount(db: Db, ctx: RequestContext, input: CreateCountInput) {
  return inTransaction(db, async (trx) => {
    const lines = [];
    for (const [i, l] of input.lines.entries()) {
      const path = `lines.${i}.`;
      const item = await stockItem(trx, l.itemId, `${path}itemId`);
      const location = l.locationId
        ? (await placesOf(trx, { warehouseId: input.warehouseId, locationId: l.locationId }, path))[0]!
        : await incomingLocation(trx, { warehouseId: input.warehouseId }, '');
      if (item.tracking !== 'none' && !l.lotId) throw supplyErrors.lotRequired(item.sku, `${path}lotId`);
      if (l.lotId) {
        const lot = await stockRepo.findLot(trx, l.lotId);
        if (!lot || lot.item_id !== item.id) throw errors.invalidReference(`${path}lotId`, 'Lot', l.lotId);
      }
      lines.push({
        item_id: item.id,
        location_id: location,
        lot_id: l.lotId ?? null,
        counted_quantity: l.countedQuantity,
        unit_cost: l.unitCost ?? null,
      });
    }
    const row = await repo.insertCount(trx, {
      number: await stockRepo.nextNumber(trx, 'CC'),
      warehouse_id: input.warehouseId,
      count_date: input.date ?? today(),
      reason: input.reason,
      created_by: ctx.actor?.userId ?? null,
    });
    await repo.insertCountLines(
      trx,
      lines.map((l) => ({ ...l, count_id: row.id })),
    );
    await writeAudit(trx, ctx, {
      action: 'count.created',
      entityType: 'supply.count',
      entityId: row.id,
      after: { ...input },
    });
    return countView(trx, row.id);
  });
}

/**
 * Posts a count: each line's difference to on hand (read under the item's lock) becomes a `count`
 * move with the count's reason, valued and posted (inventory against inventory adjustments).
 */
export async function postCount(db: Db, ctx: RequestContext, id: string, version: number) {
  return inTransaction(db, async (trx) => {
    const count = await repo.findCount(trx, id, { forUpdate: true });
    if (!count) throw errors.notFound('Count', id);
    assertVersion('Count', count, version);
    if (count.status !== 'open') throw supplyErrors.countPosted(count.number);
    const accounts = await supplyAccounts(trx);
    const lines = await repo.countLines(trx, id);
    for (const l of lines) {
      const item = (await stockRepo.findItem(trx, l.item_id))!;
      await stockRepo.lockItemCost(trx, item.id);
      const balance = await stockRepo.lockBalance(trx, item.id, l.location_id, l.lot_id);
      const diff = dec(l.counted_quantity).minus(balance.on_hand);
      if (diff.isZero()) continue;
      const gain = diff.gt(0);
      const q = diff.abs();
      // A loss may not take reserved stock below its reservations: then the count waits for them.
      await applyMove(trx, ctx, {
        kind: 'count',
        date: count.count_date,
        item,
        quantity: q,
        unit: item.uom,
        unitQuantity: q,
        from: gain ? null : l.location_id,
        to: gain ? l.location_id : null,
        lotId: l.lot_id,
        reason: count.reason,
        sourceType: 'count',
        sourceId: count.id,
        reference: count.number,
        unitCost: gain && l.unit_cost ? dec(l.unit_cost) : undefined,
        counter: { accountId: accounts.adjustment },
        accounts,
      });
    }
    await repo.markPosted(trx, id);
    await writeAudit(trx, ctx, {
      action: 'count.posted',
      entityType: 'supply.count',
      entityId: id,
      before: { status: 'open' },
      after: { status: 'posted' },
    });
    return countView(trx, id);
  });
}
