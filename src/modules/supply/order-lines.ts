import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/database.js';
import { errors } from '../../platform/errors/app-error.js';
import { findPrice } from './catalogue/catalogue.repository.js';
import { dec, qtyString } from './stock/stock.engine.js';
import * as stockRepo from './stock/stock.repository.js';
import { supplyErrors } from './supply.errors.js';

/**
 * Order lines (purchase and sales) in any unit of their item: the base unit (factor 1) or one of its
 * conversions, frozen on the line with its factor. Quantities and prices are per the line's unit;
 * stock, reservations and costs are in the base unit, converted exactly (never a float).
 */
export interface LineUnit {
  unit: string;
  factor: Decimal;
}

/** The line's unit and its factor (422 `unknown-unit` naming it when the item has no such conversion). */
export async function lineUnit(
  db: Db,
  item: stockRepo.ItemRow,
  unit: string | undefined,
  path: string,
): Promise<LineUnit> {
  if (unit === undefined || unit === item.uom) return { unit: item.uom, factor: dec(1) };
  const row = await stockRepo.findUnitFactor(db, item.id, unit);
  if (!row) throw supplyErrors.unknownUnit(item.sku, unit, path);
  return { unit, factor: dec(row.factor) };
}

/** `quantity` of the line's unit in the base unit, exactly (at most 4 decimals), else 422 on `path`. */
export function baseQuantity(quantity: string | Decimal, u: LineUnit, path: string): Decimal {
  const base = dec(quantity).times(u.factor);
  if (base.decimalPlaces() > 4)
    throw errors.validation([
      {
        path,
        message: `${dec(quantity).toString()} ${u.unit} is ${base.toString()} in the base unit: more than 4 decimals. Use a quantity that converts exactly.`,
      },
    ]);
  return base;
}

/** A base-unit quantity in the line's unit when it converts exactly (4 decimals), for a move's "entered as". */
export function entered(item: stockRepo.ItemRow, u: LineUnit, base: Decimal) {
  const inUnit = base.div(u.factor);
  return inUnit.decimalPlaces() <= 4 && u.unit !== item.uom
    ? { unit: u.unit, unitQuantity: inUnit }
    : { unit: item.uom, unitQuantity: base };
}

/**
 * The price of one of the line's unit from the price lists of `kind` in `currency` (the party's list
 * first): the listed base-unit price (quantity breaks on the base quantity) × the factor, to 4 decimals.
 */
export async function listPrice(
  db: Db,
  q: {
    itemId: string;
    base: Decimal;
    unit: LineUnit;
    kind: 'sales' | 'purchase';
    currency: string;
    partyId: string;
  },
): Promise<string | undefined> {
  const found = await findPrice(db, {
    itemId: q.itemId,
    quantity: qtyString(q.base),
    kind: q.kind,
    currency: q.currency,
    partyId: q.partyId,
  });
  if (!found) return undefined;
  return dec(found.unit_price).times(q.unit.factor).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed();
}
