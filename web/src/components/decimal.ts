/**
 * Exact decimal arithmetic on strings, via BigInt fixed-point: money and quantities never touch a
 * float. The API sends and takes amounts as decimal strings with up to 4 decimals. Shared by every
 * module's screens; Finance adds its document rounding in web/src/modules/finance/decimal.ts.
 */

/** Internal scale: 4 decimals, the most any amount, quantity or rate has on the wire. */
export const SCALE = 4;
export const UNIT = 10n ** BigInt(SCALE);
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

/** 123400n → "12.34" with exactly `places` decimals (fewer than `scale`: rounds half away from zero). */
export function fromUnits(units: bigint, places = 2, scale = SCALE): string {
  const rounded =
    places < scale ? divRound(units, 10n ** BigInt(scale - places)) : units * 10n ** BigInt(places - scale);
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

/**
 * The decimals of a currency's amounts (2 for EUR/USD, 0 for JPY, 3 for KWD): the server's own table,
 * not Intl's digits (CLDR's display digits: HUF, IDR, COP… 0; IQD 0 instead of 3; CLF 4), which would
 * round and check amounts unlike the server.
 */
export { minorUnits } from '../../../src/platform/money/minor-units';

/** For charts only (drawing, never arithmetic). */
export function toChartNumber(value: string): number {
  return Number(value);
}
