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
export function lineTotals(line: LineInput, places: number): { net: string; tax: string; total: string } | null {
  const q = toUnits(line.quantity);
  const p = toUnits(line.unitPrice);
  const d = toUnits(line.discountPercent || '0');
  const r = toUnits(line.taxRate || '0');
  if (q === null || p === null || d === null || r === null || line.quantity.trim() === '') return null;
  // q·p·(100 − d)/100 with q, p, d in units of 10^-4: exact value = q·p·(100·10^4 − d) / 10^(4+4+4+2).
  const exact = q * p * (100n * UNIT - d);
  const net = divRound(exact, 10n ** BigInt(14 - places)); // units of 10^-places
  // tax = net · r / 100 with r in 10^-4 units → net·r / 10^6, in 10^-places units.
  const tax = divRound(net * r, 10n ** 6n);
  const fmt = (v: bigint) => fromUnits(v * 10n ** BigInt(SCALE - places), places);
  return { net: fmt(net), tax: fmt(tax), total: fmt(net + tax) };
}

export function documentTotals(lines: LineInput[], places: number) {
  const computed = lines.map((l) => lineTotals(l, places));
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
