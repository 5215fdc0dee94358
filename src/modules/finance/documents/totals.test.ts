import { describe, expect, it } from 'vitest';
import { computeTotals, TotalsError } from './totals.js';

const line = (quantity: string, unitPrice: string, discountPercent = '0', taxRate = '0') => ({
  quantity,
  unitPrice,
  discountPercent,
  taxRate,
});

describe('document totals', () => {
  it('rounds each line half-up and sums the rounded values', () => {
    // 3 × 0.335 = 1.005 → 1.01 (half-up, not banker's 1.00); tax 20 % of 1.01 = 0.202 → 0.20
    // 1 × 10.00 less 12.5 % = 8.75; tax 7.5 % = 0.65625 → 0.66
    // 2.5 × 19.99 = 49.975 → 49.98; tax 19 % = 9.4962 → 9.50
    const t = computeTotals(
      [line('3', '0.335', '0', '20'), line('1', '10.00', '12.5', '7.5'), line('2.5', '19.99', '0', '19')],
      'EUR',
    );
    expect(t.lines.map((l) => [l.net.toFixed(2), l.tax.toFixed(2)])).toEqual([
      ['1.01', '0.20'],
      ['8.75', '0.66'],
      ['49.98', '9.50'],
    ]);
    expect(t.subtotal.toFixed(2)).toBe('59.74');
    expect(t.taxTotal.toFixed(2)).toBe('10.36');
    expect(t.total.toFixed(2)).toBe('70.10');
  });

  it('sums per-line tax, which can differ from tax on the subtotal', () => {
    // Three lines of 0.05 at 10 %: each tax 0.005 → 0.01, total tax 0.03 (0.15 × 10 % would be 0.02).
    const t = computeTotals(
      [line('1', '0.05', '0', '10'), line('1', '0.05', '0', '10'), line('1', '0.05', '0', '10')],
      'USD',
    );
    expect(t.taxTotal.toFixed(2)).toBe('0.03');
    expect(t.total.toFixed(2)).toBe('0.18');
  });

  it('uses the currency minor units (JPY 0, KWD 3)', () => {
    expect(computeTotals([line('1', '100.5')], 'JPY').total.toFixed(0)).toBe('101');
    expect(computeTotals([line('1', '1.0005', '0', '0')], 'KWD').total.toFixed(3)).toBe('1.001');
  });

  it('a full discount gives 0; amounts beyond numeric(19, 4) are refused', () => {
    expect(computeTotals([line('2', '50', '100', '20')], 'USD').total.toFixed(2)).toBe('0.00');
    expect(() => computeTotals([line('999999999999999', '999999999999999')], 'USD')).toThrow(TotalsError);
  });
});
