import { describe, expect, it } from 'vitest';
import { currencyError, normalQuantity, priceRowsError, toPriceInputs } from './priceRows';

describe('price rows', () => {
  it('normalises quantity breaks', () => {
    expect(normalQuantity('')).toBe('0');
    expect(normalQuantity('010.5000')).toBe('10.5');
    expect(normalQuantity('10.000')).toBe('10');
    expect(normalQuantity('0.25')).toBe('0.25');
  });

  it('finds the first problem: no item, a bad quantity or price, a repeated break', () => {
    const ok = { itemId: 'a', minQuantity: '', unitPrice: '5' };
    expect(priceRowsError([ok, { itemId: 'a', minQuantity: '10', unitPrice: '4.5' }])).toBeNull();
    expect(priceRowsError([{ ...ok, itemId: '' }])).toMatch(/^Price 1: choose an item/);
    expect(priceRowsError([ok, { ...ok, minQuantity: '-1' }])).toMatch(/^Price 2: a quantity/);
    expect(priceRowsError([{ ...ok, unitPrice: '4,5' }])).toMatch(/a price like/);
    expect(priceRowsError([{ ...ok, unitPrice: '' }])).toMatch(/a price like/);
    expect(priceRowsError([ok, { ...ok, minQuantity: '0.000' }])).toMatch(/^Price 2: the item already has a price/);
    expect(priceRowsError([ok, { ...ok, itemId: 'b' }])).toBeNull();
  });

  it('checks the currency and builds the API body', () => {
    expect(currencyError('EUR')).toBeNull();
    expect(currencyError('eur')).not.toBeNull();
    expect(toPriceInputs([{ itemId: 'a', minQuantity: ' 10.50 ', unitPrice: ' 4.25 ' }])).toEqual([
      { itemId: 'a', minQuantity: '10.5', unitPrice: '4.25' },
    ]);
  });
});
