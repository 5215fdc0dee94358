import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The reference arithmetic: the server's Money (decimal.js, half-up).
import { Money } from '../../../../src/platform/money/money';
import { documentTotals, fractionToPercent, lineTotals, percentToFraction, type LineInput } from './decimal';

const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/** A decimal string with up to 4 decimals; `negative` allows a minus sign. */
const amount = (maxIntDigits: number, negative = false) =>
  fc
    .record({ minus: negative ? fc.boolean() : fc.constant(false), int: digits(1, maxIntDigits), frac: digits(0, 4) })
    .map(({ minus, int, frac }) => `${minus ? '-' : ''}${int}${frac ? `.${frac}` : ''}`);

/** A percentage from 0 to 100 with up to 4 decimals ("" is 0, as the form sends it). */
const percent = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => {
    const s = String(n).padStart(5, '0');
    return `${s.slice(0, -4)}.${s.slice(-4)}`; // 0.0000 … 100.0000
  }),
);

const line: fc.Arbitrary<LineInput> = fc.record({
  quantity: amount(6, true),
  unitPrice: amount(7, true),
  discountPercent: percent,
  taxRate: percent,
});

/** The decimals of EUR, JPY and KWD. */
const places = fc.constantFrom(2, 0, 3);

/**
 * The server's document rounding (src/modules/finance/documents/totals.ts) in Money:
 * net = round(quantity × unit price × (1 − discount / 100)), tax = round(net × tax rate / 100), half-up.
 */
function serverLine(l: LineInput, p: number) {
  const round = (v: Money) => v.toDecimalPlaces(p, Money.ROUND_HALF_UP);
  const discount = new Money(1).minus(new Money(l.discountPercent || '0').div(100));
  const net = round(new Money(l.quantity).times(l.unitPrice).times(discount));
  const tax = round(net.times(l.taxRate || '0').div(100));
  return { net, tax };
}
/** As the API prints amounts, with a negative that rounds to zero read as zero (the web client prints "0.00"). */
const fixed = (v: Money, p: number) => v.toFixed(p).replace(/^-(0(\.0+)?)$/, '$1');

describe('finance document rounding against the server Money', () => {
  it('computes each line’s net, tax and total as the server does', () => {
    fc.assert(
      fc.property(line, places, (l, p) => {
        const { net, tax } = serverLine(l, p);
        expect(lineTotals(l, p)).toEqual({ net: fixed(net, p), tax: fixed(tax, p), total: fixed(net.plus(tax), p) });
      }),
    );
  });

  it('sums the rounded lines into the document totals as the server does', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), places, (lines, p) => {
        const computed = lines.map((l) => serverLine(l, p));
        const subtotal = computed.reduce((s, l) => s.plus(l.net), new Money(0));
        const taxTotal = computed.reduce((s, l) => s.plus(l.tax), new Money(0));
        const totals = documentTotals(lines, p);
        expect(totals.subtotal).toBe(fixed(subtotal, p));
        expect(totals.taxTotal).toBe(fixed(taxTotal, p));
        expect(totals.total).toBe(fixed(subtotal.plus(taxTotal), p));
      }),
    );
  });

  it('rounds per line, half-up (the server test’s examples)', () => {
    const l = (quantity: string, unitPrice: string, discountPercent = '0', taxRate = '0') => ({
      quantity,
      unitPrice,
      discountPercent,
      taxRate,
    });
    expect(lineTotals(l('3', '0.335', '0', '20'), 2)).toEqual({ net: '1.01', tax: '0.20', total: '1.21' });
    expect(lineTotals(l('1', '10.00', '12.5', '7.5'), 2)).toEqual({ net: '8.75', tax: '0.66', total: '9.41' });
    const three = documentTotals([l('1', '0.05', '0', '10'), l('1', '0.05', '0', '10'), l('1', '0.05', '0', '10')], 2);
    expect([three.taxTotal, three.total]).toEqual(['0.03', '0.18']);
    expect(lineTotals(l('', '1'), 2)).toBeNull();
  });

  it('takes the tax out of inclusive prices: 120.00 → 100.00 + 20.00; 10.00 at 20 % → 8.33 + 1.67', () => {
    const l = (unitPrice: string, taxRate: string) => ({ quantity: '1', unitPrice, discountPercent: '0', taxRate });
    expect(lineTotals(l('120.00', '20'), 2, true)).toEqual({ net: '100.00', tax: '20.00', total: '120.00' });
    expect(lineTotals(l('10.00', '20'), 2, true)).toEqual({ net: '8.33', tax: '1.67', total: '10.00' });
    expect(documentTotals([l('120.00', '20'), l('10.00', '20')], 2, true).taxTotal).toBe('21.67');
  });

  it('converts between percentages and rate fractions without floats', () => {
    expect(['20', '7.5', '6.25', '100', '0', '9.975'].map(percentToFraction)).toEqual([
      '0.2',
      '0.075',
      '0.0625',
      '1',
      '0',
      '0.09975',
    ]);
    expect(['0.2', '0.075', '0.0625', '1', '0', '0.09975'].map(fractionToPercent)).toEqual([
      '20',
      '7.5',
      '6.25',
      '100',
      '0',
      '9.975',
    ]);
  });
});
