import type { Decimal } from 'decimal.js';
import type { FieldError } from '../../../platform/errors/app-error.js';
import { Money, roundTo } from '../money.js';

export interface LineAmounts {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
}

export interface LineTotals {
  net: Decimal;
  tax: Decimal;
}

export interface DocumentTotals {
  lines: LineTotals[];
  subtotal: Decimal;
  taxTotal: Decimal;
  total: Decimal;
}

/** The largest amount a numeric(19, 4) column holds. */
const MAX_AMOUNT = new Money('999999999999999.9999');

/**
 * The rounding rule of every document, computed on the server only:
 *
 *   line net   = round(quantity × unit price × (1 − discount / 100), currency)   half-up
 *   line tax   = round(line net × tax rate / 100, currency)                       half-up, per line
 *   subtotal   = Σ line net      tax total = Σ line tax      total = subtotal + tax total
 *
 * Each line is rounded to the currency's minor unit once, and the document's figures are sums of
 * those rounded values, so the printed lines always add up to the printed totals (and the journal
 * entry, built from the same rounded values, balances). Decimal arithmetic throughout, never floats.
 * Throws field errors when an amount would not fit the database's numeric(19, 4).
 */
export function computeTotals(lines: LineAmounts[], currency: string): DocumentTotals {
  const problems: FieldError[] = [];
  const computed = lines.map((line, i) => {
    const gross = new Money(line.quantity).times(line.unitPrice);
    const discount = new Money(1).minus(new Money(line.discountPercent).div(100));
    const net = roundTo(gross.times(discount), currency);
    const tax = roundTo(net.times(line.taxRate).div(100), currency);
    if (net.plus(tax).gt(MAX_AMOUNT)) {
      problems.push({ path: `lines.${i}`, message: 'The line amount is too large.', code: 'too_big' });
    }
    return { net, tax };
  });
  const subtotal = computed.reduce((s, l) => s.plus(l.net), new Money(0));
  const taxTotal = computed.reduce((s, l) => s.plus(l.tax), new Money(0));
  const total = subtotal.plus(taxTotal);
  if (problems.length === 0 && total.gt(MAX_AMOUNT)) {
    problems.push({ path: 'lines', message: 'The document total is too large.', code: 'too_big' });
  }
  if (problems.length > 0) throw new TotalsError(problems);
  return { lines: computed, subtotal, taxTotal, total };
}

export class TotalsError extends Error {
  constructor(readonly problems: FieldError[]) {
    super('amounts too large');
    this.name = 'TotalsError';
  }
}
