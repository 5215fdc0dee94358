import { Decimal } from 'decimal.js';

/**
 * Money arithmetic for every module: decimal, never binary floating point, half-up rounding as
 * accountants expect. Modules add their own wire formats and storage rules on top.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

/** ISO 4217 minor units where they are not 2. */
const MINOR_UNITS: Record<string, number> = {
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
};

/** The currency's minor unit (2 unless ISO 4217 says otherwise). */
export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}
