import { Decimal } from 'decimal.js';

/**
 * Money arithmetic for every module: decimal, never binary floating point, half-up rounding as
 * accountants expect. Modules add their own wire formats and storage rules on top.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

export { minorUnits } from './minor-units.js';
