/** Pure helpers of the count screens (no React, no API): the rows of a count being entered. */
import { QTY } from '../orderLines';

/** One place to count: an item × location × lot, with what the ledger says and what was counted. */
export interface CountRow {
  itemId: string;
  /** '' for the warehouse's default location (rows added by hand without a chosen location). */
  locationId: string;
  lotId: string;
  /** On hand when the rows were loaded ('' for rows added by hand). */
  onHand: string;
  /** '' = not counted: the row is left out of the count. */
  counted: string;
  /** For a gain: cost per unit ('' = the item's current cost). */
  unitCost: string;
  /** Added by hand (an item not on hand here). */
  added: boolean;
  /** For display: the item's SKU and the lot's code of loaded rows. */
  sku: string;
  lotCode: string;
}

const COST = /^\d{1,13}(\.\d{1,6})?$/;

/** The rows of the on-hand report, nothing counted yet. */
export function rowsFromStock(
  stock: {
    itemId: string;
    sku: string;
    locationId: string;
    lotId: string | null;
    lotCode: string | null;
    onHand: string;
  }[],
): CountRow[] {
  return stock.map((s) => ({
    sku: s.sku,
    lotCode: s.lotCode ?? '',
    itemId: s.itemId,
    locationId: s.locationId,
    lotId: s.lotId ?? '',
    onHand: s.onHand,
    counted: '',
    unitCost: '',
    added: false,
  }));
}

export const addedRow = (locationId: string): CountRow => ({
  itemId: '',
  locationId,
  lotId: '',
  onHand: '',
  counted: '',
  unitCost: '',
  added: true,
  sku: '',
  lotCode: '',
});

/** The first problem (1-based row numbers), or null. `tracked(itemId)`: the item needs a lot or serial. */
export function countRowsError(rows: CountRow[], tracked: (itemId: string) => boolean): string | null {
  const seen = new Set<string>();
  let counted = 0;
  for (const [i, r] of rows.entries()) {
    const n = i + 1;
    if (r.added && !r.itemId) return `Row ${n}: choose an item.`;
    if (r.added && tracked(r.itemId) && !r.lotId) return `Row ${n}: choose the lot or serial number.`;
    if (r.added && r.counted.trim() === '') return `Row ${n}: enter the counted quantity.`;
    if (r.counted.trim() !== '' && !QTY.test(r.counted.trim())) return `Row ${n}: a quantity like 10 or 2.5.`;
    if (r.unitCost.trim() !== '' && !COST.test(r.unitCost.trim())) return `Row ${n}: a cost like 4.25.`;
    const key = `${r.itemId}|${r.locationId}|${r.lotId}`;
    if (seen.has(key)) return `Row ${n}: this item, location and lot is already in the count.`;
    seen.add(key);
    if (r.counted.trim() !== '') counted++;
  }
  return counted === 0 ? 'Enter a counted quantity on at least one row.' : null;
}

/** The counted rows as the API's count lines. */
export function toCountLines(rows: CountRow[]) {
  return rows
    .filter((r) => r.counted.trim() !== '')
    .map((r) => ({
      itemId: r.itemId,
      countedQuantity: r.counted.trim(),
      ...(r.locationId ? { locationId: r.locationId } : {}),
      ...(r.lotId ? { lotId: r.lotId } : {}),
      ...(r.unitCost.trim() ? { unitCost: r.unitCost.trim() } : {}),
    }));
}
