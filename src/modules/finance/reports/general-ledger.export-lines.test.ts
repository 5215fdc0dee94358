import { describe, expect, it } from 'vitest';
import { format, Money } from '../money.js';
import { formatScaled, formatUnits, scaled, writeUnits } from './general-ledger.export-lines.js';

describe('amounts of the COPY path (exact integers of 10^-4)', () => {
  it('formats as format(new Money(x)) does, for every precision and sign', () => {
    const values = [
      '0',
      '0.0000',
      '12.5000',
      '12.3450',
      '12.3449',
      '-0.0049',
      '-0.0050',
      '-12.3450',
      '999999999999999.9999',
      '-7',
      '0.5',
      '1.0050',
    ];
    for (const v of values)
      for (const currency of ['JPY', 'EUR', 'BHD']) {
        const expected = format(new Money(v), currency);
        expect(formatScaled(scaled(v), digitsOf(currency)), `${v} ${currency}`).toBe(expected);
        // The Number path (amounts and balances within Number.MAX_SAFE_INTEGER units) agrees.
        const units = scaled(v);
        if (units <= BigInt(Number.MAX_SAFE_INTEGER) && units >= -BigInt(Number.MAX_SAFE_INTEGER)) {
          expect(formatUnits(Number(units), digitsOf(currency)), `${v} ${currency} (Number)`).toBe(expected);
          const out = Buffer.alloc(64, 120);
          const end = writeUnits(out, 3, Number(units), digitsOf(currency));
          expect(out.toString('latin1', 3, end), `${v} ${currency} (bytes)`).toBe(expected);
          expect(out[end]).toBe(120); // nothing written past the end
        }
      }
    expect(formatScaled(scaled('12.3456'), 4)).toBe('12.3456');
    expect(formatScaled(scaled('-1.5'), 6)).toBe('-1.500000');
    expect(formatUnits(-15000, 6)).toBe('-1.500000');
    expect(formatUnits(-49, 2)).toBe('-0.00');
    expect(formatUnits(-50, 2)).toBe('-0.01');
    expect(() => scaled('1.23456')).toThrow();
  });
});

/** The currency's decimals, as `format` writes them. */
function digitsOf(currency: string): number {
  return format(new Money('1'), currency).split('.')[1]?.length ?? 0;
}
