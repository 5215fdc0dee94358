/**
 * Exact sums of the API's decimal strings (amounts have at most 4 decimals): BigInt in units of
 * 1/10,000, never floats. `toNumber` is for drawing charts only.
 */
const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);

function toUnits(value: string): bigint {
  const v = value.trim();
  const negative = v.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? v.slice(1) : v).split('.');
  const units = BigInt(whole || '0') * FACTOR + BigInt((frac + '0000').slice(0, SCALE) || '0');
  return negative ? -units : units;
}

function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / FACTOR;
  const frac = (abs % FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** "12.50" + "0.5" → "13.00" */
export function sumDecimals(values: readonly string[]): string {
  return fromUnits(values.reduce((acc, v) => acc + toUnits(v), 0n));
}

/** For charts only (drawing needs a number). */
export function toNumber(value: string): number {
  return Number(value);
}
