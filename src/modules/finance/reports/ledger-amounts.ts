import { Money, format, minorUnits } from '../money.js';

/**
 * Exact ledger amounts as bigints of 1/10,000 (the ledger's `numeric(19, 4)`), for the long general
 * ledger export: a million lines through `Money` (decimal.js) cost seconds; these give the same
 * strings as `format(new Money(x), currency)` (round half away from zero), and defer to it for
 * anything they cannot represent (more than 4 decimals, a negative amount rounding to zero).
 */
const SCALE = 4;
const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,4}))?$/;

/** The amount in 1/10,000, or null when it has more than 4 decimals (or is not a plain decimal). */
export function toUnits(value: string): bigint | null {
  const m = AMOUNT.exec(value);
  if (!m) return null;
  const units = BigInt(m[2]! + (m[3] ?? '').padEnd(SCALE, '0'));
  return m[1] ? -units : units;
}

/** `units` (1/10,000) as a string in units of 1/10,000 (`Money` reads it back). */
export function unitsToString(units: bigint): string {
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(SCALE + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -SCALE)}.${s.slice(-SCALE)}`;
}

/** `format(new Money(units / 10,000), currency)`, without decimal.js on the usual path. */
export function formatUnits(units: bigint, currency: string): string {
  const digits = minorUnits(currency);
  if (digits > SCALE) return format(new Money(unitsToString(units)), currency);
  const neg = units < 0n;
  const magnitude = neg ? -units : units;
  const step = 10n ** BigInt(SCALE - digits);
  const rounded = step === 1n ? magnitude : (magnitude + step / 2n) / step;
  if (neg && rounded === 0n) return format(new Money(unitsToString(units)), currency);
  if (digits === 0) return `${neg ? '-' : ''}${rounded}`;
  const s = rounded.toString().padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
