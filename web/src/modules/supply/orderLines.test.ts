import { describe, expect, it } from 'vitest';
import { emptyLine, linesError, qty, type OrderLine } from './orderLines';

const line = (patch: Partial<OrderLine>): OrderLine => ({ ...emptyLine(), itemId: 'i1', ...patch });

describe('qty', () => {
  it('drops trailing zeros of the decimals only', () => {
    expect(qty('10.0000')).toBe('10');
    expect(qty('2.5000')).toBe('2.5');
    expect(qty('100')).toBe('100');
    expect(qty('0.0000')).toBe('0');
    expect(qty('1200.0400')).toBe('1200.04');
    expect(qty(null)).toBe('');
  });
});

describe('linesError', () => {
  it('accepts complete lines and an empty price (the price list decides)', () => {
    expect(linesError([line({ quantity: '2.5', unitPrice: '' }), line({ quantity: '1', unitPrice: '4.125' })])).toBe(
      null,
    );
  });
  it('names the first bad line and what is wrong', () => {
    expect(linesError([])).toBe('Add at least one line.');
    expect(linesError([line({}), line({ itemId: '' })])).toBe('Line 2: choose an item.');
    expect(linesError([line({ quantity: '0' })])).toMatch(/^Line 1: a quantity/);
    expect(linesError([line({ quantity: '1.23456' })])).toMatch(/^Line 1: a quantity/);
    expect(linesError([line({ quantity: '-1' })])).toMatch(/^Line 1: a quantity/);
    expect(linesError([line({ unitPrice: '4,25' })])).toMatch(/^Line 1: a price/);
    expect(linesError([line({ discountPercent: '5%' })])).toMatch(/^Line 1: a discount/);
  });
});
