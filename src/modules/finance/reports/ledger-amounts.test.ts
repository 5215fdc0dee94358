import { describe, expect, it } from 'vitest';
import { Money, format } from '../money.js';
import { formatUnits, toUnits, unitsToString } from './ledger-amounts.js';

describe('ledger amounts as bigints', () => {
  it('formats exactly as format(new Money(x)) for every currency precision, signs and halves', () => {
    const values = [
      '0',
      '0.0000',
      '12.5000',
      '0.0050',
      '0.0049',
      '-0.0050',
      '-0.0049',
      '-0.0001',
      '1.0050',
      '-1.0050',
      '2.5',
      '-2.5',
      '0.5',
      '-0.5',
      '999999999999999.9999',
      '-123456789.1235',
    ];
    for (let i = 0; i < 2000; i++) {
      const n = Math.floor(Math.random() * 2e9) - 1e9;
      values.push(unitsToString(BigInt(n)));
    }
    for (const currency of ['USD', 'JPY', 'BHD']) {
      for (const v of values) {
        const units = toUnits(v);
        expect(units, v).not.toBeNull();
        expect(formatUnits(units!, currency), `${v} ${currency}`).toBe(format(new Money(v), currency));
      }
    }
  });

  it('reads amounts back exactly and refuses what it cannot hold', () => {
    expect(toUnits('12.5')).toBe(125000n);
    expect(toUnits('-0.0001')).toBe(-1n);
    expect(unitsToString(-1n)).toBe('-0.0001');
    expect(new Money(unitsToString(toUnits('-17.25')!)).equals(new Money('-17.25'))).toBe(true);
    expect(toUnits('0.00001')).toBeNull();
    expect(toUnits('1e5')).toBeNull();
  });
});
