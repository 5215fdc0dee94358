/** Finance's decimal helpers: the shared string arithmetic, plus the server's document rounding. */
import { addDecimals, divRound, fromUnits, SCALE, sumDecimals, toUnits, UNIT } from '../../components/decimal';

export * from '../../components/decimal';

export interface LineInput {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
}

/**
 * The server's document rounding (src/modules/finance/documents/totals.ts), exactly:
 *   net = round(quantity × unit price × (1 − discount / 100), currency)   half-up
 *   tax = round(net × tax rate / 100, currency)                            half-up, per line
 *   subtotal = Σ net, tax total = Σ tax, total = subtotal + tax total
 * Returns null for a line whose inputs are not valid decimals yet.
 */
export function lineTotals(
  line: LineInput,
  places: number,
  inclusive = false,
): { net: string; tax: string; total: string } | null {
  const q = toUnits(line.quantity);
  const p = toUnits(line.unitPrice);
  const d = toUnits(line.discountPercent || '0');
  const r = toUnits(line.taxRate || '0');
  if (q === null || p === null || d === null || r === null || line.quantity.trim() === '') return null;
  // q·p·(100 − d)/100 with q, p, d in units of 10^-4: exact value = q·p·(100·10^4 − d) / 10^(4+4+4+2).
  const exact = q * p * (100n * UNIT - d);
  const gross = divRound(exact, 10n ** BigInt(14 - places)); // units of 10^-places
  const fmt = (v: bigint) => fromUnits(v * 10n ** BigInt(SCALE - places), places);
  if (inclusive) {
    // The price includes the tax: tax = round(total × rate / (1 + rate)), net = total − tax.
    const tax = divRound(gross * r, 10n ** 6n + r);
    return { net: fmt(gross - tax), tax: fmt(tax), total: fmt(gross) };
  }
  const net = gross;
  // tax = net · r / 100 with r in 10^-4 units → net·r / 10^6, in 10^-places units.
  const tax = divRound(net * r, 10n ** 6n);
  return { net: fmt(net), tax: fmt(tax), total: fmt(net + tax) };
}

export function documentTotals(lines: LineInput[], places: number, inclusive = false) {
  const computed = lines.map((l) => lineTotals(l, places, inclusive));
  const ok = computed.filter((c): c is NonNullable<typeof c> => c !== null);
  const subtotal = sumDecimals(
    ok.map((c) => c.net),
    places,
  );
  const taxTotal = sumDecimals(
    ok.map((c) => c.tax),
    places,
  );
  return { lines: computed, subtotal, taxTotal, total: addDecimals(subtotal, taxTotal, places) };
}

/** Today as YYYY-MM-DD in the user's time zone. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "1", "1.0000000000" → true (an exchange rate of one: the base currency). */
export function isOne(value: string): boolean {
  return /^1(\.0+)?$/.test(value.trim());
}

/** "20" (a percentage, up to 4 decimals) → "0.2" (the API's rate fraction), by moving the decimal point. */
export function percentToFraction(percent: string): string {
  const [int = '0', frac = ''] = percent.trim().split('.');
  const digits = `${int.padStart(3, '0')}${frac.padEnd(4, '0')}`;
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, '') || '0';
  const decimals = digits.slice(-6).replace(/0+$/, '');
  return decimals ? `${whole}.${decimals}` : whole;
}

/** "0.0625" (a rate fraction, up to 6 decimals) → "6.25" (a percentage). */
export function fractionToPercent(rate: string): string {
  const [int = '0', frac = ''] = rate.split('.');
  const digits = `${int}${frac.padEnd(6, '0')}`.replace(/^0+(?=\d)/, '');
  const whole = digits.slice(0, -4) || '0';
  const decimals = digits.slice(-4).replace(/0+$/, '');
  return decimals ? `${whole}.${decimals}` : whole;
}
