/**
 * ISO 4217 minor units where they are not 2. No imports: the web app imports this very file
 * (web/src/components/decimal.ts), so client and server round and validate amounts alike.
 */
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
