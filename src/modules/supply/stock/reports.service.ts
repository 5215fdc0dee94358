import { Decimal } from 'decimal.js';
import { today } from '../../../platform/dates.js';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { toCsv } from '../../../platform/http/csv.js';
import { assertExportSize } from '../../../platform/http/csv-export.js';
import { baseCurrency } from '../../finance/index.js';
import { trimZeros } from '../supply.shared.js';
import * as repo from './reports.repository.js';
import * as snapshots from './snapshots.repository.js';
import type { LedgerFilter } from './stock.schemas.js';

const money = (v: string | number | null) => new Decimal(v ?? 0).toFixed(2);
const qty = (v: string | number | null) => trimZeros(new Decimal(v ?? 0).toFixed(4));

export async function onHand(
  db: Db,
  f: { itemId?: string | undefined; warehouseId?: string | undefined; locationId?: string | undefined },
) {
  const rows = await repo.onHand(db, f);
  return {
    items: rows.map((r) => ({
      itemId: r.item_id,
      sku: r.sku,
      locationId: r.location_id,
      warehouseId: r.warehouse_id,
      lotId: r.lot_id,
      lotCode: r.lot_code,
      expiryDate: r.expiry_date,
      onHand: qty(r.on_hand),
      reserved: qty(r.reserved),
      available: qty(new Decimal(r.on_hand).minus(r.reserved).toString()),
    })),
  };
}

export async function ledger(db: Db, f: LedgerFilter) {
  const page = await repo.ledger(db, f);
  return {
    items: page.items.map((m) => ({
      id: m.id,
      seq: String(m.seq),
      kind: m.kind,
      date: m.move_date,
      quantity: qty(m.quantity),
      unit: m.unit,
      unitQuantity: qty(m.unit_quantity),
      fromLocationId: m.from_location_id,
      toLocationId: m.to_location_id,
      lotId: m.lot_id,
      reason: m.reason,
      value: money(m.value),
      balance: qty(m.balance),
      valueBalance: money(m.value_balance),
      sourceType: m.source_type,
      sourceId: m.source_id,
      journalEntryId: m.journal_entry_id,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Quantity and value per item as of a date: the latest snapshot on or before it, plus the moves since. */
export async function valuation(db: Db, asOf = today()) {
  const rows = (await snapshots.valuationFrom(db, asOf, await snapshots.latestSnapshot(db, asOf))).rows;
  const total = rows.reduce((s, r) => s.plus(r.value), new Decimal(0));
  return {
    asOf,
    currency: await baseCurrency(db),
    total: money(total.toString()),
    items: rows.map((r) => ({
      itemId: r.item_id,
      sku: r.sku,
      name: r.name,
      quantity: qty(r.quantity),
      value: money(r.value),
    })),
  };
}

export async function valuationCsv(db: Db, asOf?: string) {
  const v = await valuation(db, asOf);
  return assertExportSize(
    toCsv(
      ['sku', 'name', 'quantity', 'value', 'currency', 'as_of'],
      v.items.map((i) => [i.sku, i.name, i.quantity, i.value, v.currency, v.asOf]),
    ),
  );
}

/** Balances against the ledger, and each item's running cost against its moves (all should agree). */
export async function check(db: Db) {
  const balances = await repo.balanceMismatches(db);
  const costs = await repo.costMismatches(db);
  return {
    ok: balances.length === 0 && costs.length === 0,
    balanceMismatches: balances.map((b) => ({
      itemId: b.item_id,
      locationId: b.location_id,
      lotId: b.lot_id,
      balance: qty(b.balance),
      ledger: qty(b.ledger),
    })),
    costMismatches: costs.map((c) => ({
      itemId: c.item_id,
      costValue: money(c.cost_value),
      ledgerValue: money(c.ledger_value),
    })),
  };
}

export async function movesByReason(db: Db, from: string, to: string) {
  const rows = await repo.movesByReason(db, from, to);
  return {
    items: rows.map((r) => ({
      kind: r.kind,
      reason: r.reason,
      moves: r.moves,
      quantity: qty(r.quantity),
      value: money(r.value),
    })),
  };
}

export async function movesByReasonCsv(db: Db, from: string, to: string) {
  const r = await movesByReason(db, from, to);
  return assertExportSize(
    toCsv(
      ['kind', 'reason', 'moves', 'quantity', 'value'],
      r.items.map((i) => [i.kind, i.reason, i.moves, i.quantity, i.value]),
    ),
  );
}

export async function slowMoving(db: Db, days: number, asOf = today()) {
  const d = new Date(`${asOf}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  const rows = await repo.slowMoving(db, d.toISOString().slice(0, 10));
  return {
    items: rows.map((r) => ({
      itemId: r.id,
      sku: r.sku,
      name: r.name,
      onHand: qty(r.quantity),
      value: money(r.value),
      lastIssue: r.last_issue ?? null,
    })),
  };
}

export async function slowMovingCsv(db: Db, days: number, asOf?: string) {
  const r = await slowMoving(db, days, asOf);
  return assertExportSize(
    toCsv(
      ['sku', 'name', 'on_hand', 'value', 'last_issue'],
      r.items.map((i) => [i.sku, i.name, i.onHand, i.value, i.lastIssue]),
    ),
  );
}

/**
 * Records the valuation at `asOf` (the latest earlier snapshot plus the moves since), so later
 * valuations read from it. Exclusive against every valued move while it runs; one per date.
 */
export async function createValuationSnapshot(db: Db, ctx: RequestContext, asOf: string) {
  if (asOf > today()) throw errors.validation([{ path: 'asOf', message: 'A snapshot is of a day that has begun.' }]);
  return inTransaction(db, async (trx) => {
    await snapshots.lockExclusive(trx);
    if (await snapshots.snapshotExists(trx, asOf))
      throw errors.conflict(`There is a valuation snapshot at ${asOf} already.`);
    await snapshots.createSnapshot(trx, asOf, await snapshots.latestSnapshot(trx, asOf));
    await writeAudit(trx, ctx, {
      action: 'valuation-snapshot.created',
      entityType: 'supply.valuation-snapshot',
      entityId: asOf,
    });
    return valuation(trx, asOf);
  });
}

/** The month-end snapshot the nightly schedule makes on the 1st: the last day of the previous month. */
export async function snapshotPreviousMonth(db: Db, ctx: RequestContext) {
  const d = new Date(`${today().slice(0, 8)}01T00:00:00Z`);
  d.setUTCDate(0);
  const asOf = d.toISOString().slice(0, 10);
  if (await snapshots.snapshotExists(db, asOf)) return null;
  return (await createValuationSnapshot(db, ctx, asOf)).asOf;
}
