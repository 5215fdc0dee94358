/** Pure helpers of the order screens (no React, no API): line checks and quantity display. */

/** A quantity without trailing zeros ("12.5000" → "12.5"). */
export function qty(value: string | null | undefined): string {
  if (value == null) return '';
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

export interface OrderLine {
  itemId: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
}

export const emptyLine = (): OrderLine => ({ itemId: '', quantity: '1', unitPrice: '', discountPercent: '' });

export const QTY = /^\d{1,12}(\.\d{1,4})?$/;
const PRICE = /^\d{1,12}(\.\d{1,6})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;

/** The first problem of the lines, or null. */
export function linesError(lines: OrderLine[]): string | null {
  if (lines.length === 0) return 'Add at least one line.';
  for (const [i, l] of lines.entries()) {
    const n = i + 1;
    if (!l.itemId) return `Line ${n}: choose an item.`;
    if (!QTY.test(l.quantity) || /^0+(\.0+)?$/.test(l.quantity)) return `Line ${n}: a quantity like 10 or 2.5.`;
    if (l.unitPrice && !PRICE.test(l.unitPrice)) return `Line ${n}: a price like 4.25 (or empty for the price list).`;
    if (l.discountPercent && !PERCENT.test(l.discountPercent)) return `Line ${n}: a discount like 5.`;
  }
  return null;
}
