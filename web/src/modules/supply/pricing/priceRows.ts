/** Pure helpers of the price list screens (no React, no API): the price rows and their checks. */
import { QTY } from '../orderLines';

/** One price of a list as edited: an item, from which quantity, at what unit price. */
export interface PriceRow {
  itemId: string;
  minQuantity: string;
  unitPrice: string;
}

export const emptyPriceRow = (): PriceRow => ({ itemId: '', minQuantity: '', unitPrice: '' });

const PRICE = /^\d{1,13}(\.\d{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** "10.5000" and "10.5" are the same break; "" is 0. */
export function normalQuantity(q: string): string {
  const t = q.trim() || '0';
  const [whole = '0', frac = ''] = t.split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = frac.replace(/0+$/, '');
  return f ? `${w}.${f}` : w;
}

/** The first problem of the rows (a 1-based row number in the message), or null. */
export function priceRowsError(rows: PriceRow[]): string | null {
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    const n = i + 1;
    if (!r.itemId) return `Price ${n}: choose an item.`;
    if (r.minQuantity.trim() && !QTY.test(r.minQuantity.trim()))
      return `Price ${n}: a quantity like 10 or 2.5 (empty: from the first unit).`;
    if (!PRICE.test(r.unitPrice.trim())) return `Price ${n}: a price like 4.25.`;
    const key = `${r.itemId}|${normalQuantity(r.minQuantity)}`;
    if (seen.has(key)) return `Price ${n}: the item already has a price from this quantity.`;
    seen.add(key);
  }
  return null;
}

export const currencyError = (c: string): string | null =>
  CURRENCY.test(c) ? null : 'A three-letter code such as EUR.';

/** The rows as the API takes them (sorted by item, then quantity break). */
export function toPriceInputs(rows: PriceRow[]) {
  return rows.map((r) => ({
    itemId: r.itemId,
    minQuantity: normalQuantity(r.minQuantity),
    unitPrice: r.unitPrice.trim(),
  }));
}
