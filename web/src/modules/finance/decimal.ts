/**
 * Exact decimal arithmetic on strings, via BigInt fixed-point: money and quantities never touch a
 * float. The API sends and takes amounts as decimal strings with up to 4 decimals.
 */

/** Internal scale: 4 decimals, the most any amount, quantity or rate has on the wire. */
export const SCALE = 4;
const UNIT = 10n ** BigInt(SCALE);
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal string with at most `maxDecimals` decimals ("12", "12.5", "0.0001"). */
export function isDecimal(value: string, maxDecimals = SCALE): boolean {
  if (!DECIMAL.test(value)) return false;
  return (value.split('.')[1]?.length ?? 0) <= maxDecimals;
}

/** "12.34" → 123400n (units of 10^-scale); null when it is not a decimal or has more decimals. */
export function toUnits(value: string, scale = SCALE): bigint | null {
  const s = value.trim();
  if (s === '') return 0n;
  if (!isDecimal(s, scale)) return null;
  const negative = s.startsWith('-');
  const [int = '0', frac = ''] = (negative ? s.slice(1) : s).split('.');
  const units = BigInt(int) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, '0') || '0');
  return negative ? -units : units;
}

/** 123400n → "12.34" with exactly `places` decimals (places ≤ scale: rounds half away from zero). */
export function fromUnits(units: bigint, places = 2, scale = SCALE): string {
  const rounded = places < scale ? divRound(units, 10n ** BigInt(scale - places)) : units;
  const negative = rounded < 0n;
  const abs = negative ? -rounded : rounded;
  const p = 10n ** BigInt(places);
  const int = (abs / p).toString();
  const frac = places > 0 ? '.' + (abs % p).toString().padStart(places, '0') : '';
  return `${negative && abs !== 0n ? '-' : ''}${int}${frac}`;
}

/** n / d rounded half away from zero (Decimal.js ROUND_HALF_UP, as the server rounds). */
export function divRound(n: bigint, d: bigint): bigint {
  if (d < 0n) return divRound(-n, -d);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs + d / 2n) / d;
  return negative ? -q : q;
}

/** Σ of decimal strings (invalid or empty ones count 0), as a string with `places` decimals. */
export function sumDecimals(values: string[], places = 2): string {
  return fromUnits(
    values.reduce((s, v) => s + (toUnits(v) ?? 0n), 0n),
    places,
  );
}

export function subDecimals(a: string, b: string, places = 2): string {
  return fromUnits((toUnits(a) ?? 0n) - (toUnits(b) ?? 0n), places);
}

export function addDecimals(a: string, b: string, places = 2): string {
  return fromUnits((toUnits(a) ?? 0n) + (toUnits(b) ?? 0n), places);
}

/** −1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  const d = (toUnits(a) ?? 0n) - (toUnits(b) ?? 0n);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function isZero(value: string): boolean {
  return (toUnits(value) ?? 0n) === 0n;
}

/** The smaller of two decimal strings. */
export function minDecimal(a: string, b: string, places = 2): string {
  return fromUnits(compareDecimals(a, b) <= 0 ? (toUnits(a) ?? 0n) : (toUnits(b) ?? 0n), places);
}

/** ISO 4217 minor units of a currency (2 for EUR/USD, 0 for JPY, 3 for KWD), from Intl. */
export function minorUnits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

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

/** For charts only (drawing, never arithmetic). */
export function toChartNumber(value: string): number {
  return Number(value);
}

/** "1", "1.0000000000" → true (an exchange rate of one: the base currency). */
export function isOne(value: string): boolean {
  return /^1(\.0+)?$/.test(value.trim());
}
