import { describe, expect, it } from 'vitest';
import { computeDocumentTaxes, type EngineOptions, type LineTax } from './tax-engine.js';

const tax = (code: string, rate: string, extra: Partial<LineTax> = {}): LineTax => ({
  taxCodeId: `id-${code}`,
  code,
  name: code,
  rate,
  treatment: 'standard',
  exemptReason: '',
  compound: false,
  accountId: `acct-${code}`,
  reverseAccountId: null,
  netBox: 'N',
  taxBox: 'T',
  reverseTaxBox: '',
  ...extra,
});
const line = (unitPrice: string, taxes: LineTax[], quantity = '1') => ({
  quantity,
  unitPrice,
  discountPercent: '0',
  taxes,
});
const opts = (extra: Partial<EngineOptions> = {}): EngineOptions => ({
  currency: 'EUR',
  pricesIncludeTax: false,
  rounding: 'line',
  side: 'output',
  ...extra,
});
const fixed = (d: { toFixed: (n: number) => string }) => d.toFixed(2);

describe('tax engine', () => {
  const vat20 = tax('VAT20', '0.2');
  const three = [line('33.33', [vat20]), line('33.33', [vat20]), line('33.33', [vat20])];

  it('rounds per line: three lines of 33.33 at 20 % give 3 × 6.67 = 20.01', () => {
    // 33.33 × 0.2 = 6.666 → 6.67 per line.
    const r = computeDocumentTaxes(three, opts());
    expect(r.lines.map((l) => fixed(l.tax))).toEqual(['6.67', '6.67', '6.67']);
    expect(fixed(r.subtotal)).toBe('99.99');
    expect(fixed(r.taxTotal)).toBe('20.01');
    expect(fixed(r.total)).toBe('120.00');
    expect(r.taxes.map((t) => [t.code, fixed(t.base), fixed(t.tax)])).toEqual([['VAT20', '99.99', '20.01']]);
  });

  it('rounds per document: 99.99 × 20 % = 19.998 → 20.00, spread 6.67 + 6.67 + 6.66 over the lines', () => {
    const r = computeDocumentTaxes(three, opts({ rounding: 'document' }));
    expect(fixed(r.taxTotal)).toBe('20.00');
    expect(fixed(r.total)).toBe('119.99');
    expect(r.lines.map((l) => fixed(l.tax))).toEqual(['6.67', '6.67', '6.66']);
    expect(fixed(r.taxes[0]!.tax)).toBe('20.00');
  });

  it('takes the tax out of inclusive prices: 120.00 → 100.00 + 20.00; 10.00 → 8.33 + 1.67', () => {
    // 10.00 / 1.2 = 8.3333…; tax 1.6666… → 1.67; net = 10.00 − 1.67 = 8.33.
    const r = computeDocumentTaxes([line('120.00', [vat20]), line('10.00', [vat20])], opts({ pricesIncludeTax: true }));
    expect(r.lines.map((l) => [fixed(l.net), fixed(l.tax)])).toEqual([
      ['100.00', '20.00'],
      ['8.33', '1.67'],
    ]);
    expect(fixed(r.total)).toBe('130.00');
    // Exclusive 8.33 at 20 % is 1.67 again: inclusive and exclusive agree on the same net.
    const ex = computeDocumentTaxes([line('100.00', [vat20]), line('8.33', [vat20])], opts());
    expect(fixed(ex.taxTotal)).toBe(fixed(r.taxTotal));
  });

  it('inclusive per document: three lines of 40.00 at 20 % → tax 20.00 once, total stays 120.00', () => {
    // 120 / 1.2 = 100; tax 20.00 (per line 6.6666… each, spread 6.67 + 6.67 + 6.66).
    const r = computeDocumentTaxes(
      [line('40.00', [vat20]), line('40.00', [vat20]), line('40.00', [vat20])],
      opts({ pricesIncludeTax: true, rounding: 'document' }),
    );
    expect(fixed(r.total)).toBe('120.00');
    expect(fixed(r.taxTotal)).toBe('20.00');
    expect(r.lines.map((l) => fixed(l.net))).toEqual(['33.33', '33.33', '33.34']);
  });

  it('a group adds its components (state 6.25 % + county 1 % on 200.00 = 12.50 + 2.00)', () => {
    const r = computeDocumentTaxes([line('200.00', [tax('STATE', '0.0625'), tax('COUNTY', '0.01')])], opts());
    expect(r.taxes.map((t) => [t.code, fixed(t.base), fixed(t.tax)])).toEqual([
      ['STATE', '200.00', '12.50'],
      ['COUNTY', '200.00', '2.00'],
    ]);
    expect(fixed(r.total)).toBe('214.50');
    expect(r.lines[0]!.ratePercent.toString()).toBe('7.25');
  });

  it('a compound component is charged on the net plus the taxes before it (5 %, then 9.975 % of 105.00)', () => {
    // 100 × 5 % = 5.00; (100 + 5) × 9.975 % = 10.47375 → 10.47; total 115.47.
    const r = computeDocumentTaxes(
      [line('100.00', [tax('GST', '0.05'), tax('QST', '0.09975', { compound: true })])],
      opts(),
    );
    expect(r.taxes.map((t) => fixed(t.tax))).toEqual(['5.00', '10.47']);
    expect(fixed(r.total)).toBe('115.47');
  });

  it('reverse charge charges nothing and self-assesses output and input tax of the same amount', () => {
    const rc = tax('RC20', '0.2', { treatment: 'reverse-charge', reverseAccountId: 'acct-out', reverseTaxBox: 'OUT' });
    const r = computeDocumentTaxes([line('1000.00', [rc])], opts({ side: 'input' }));
    expect(fixed(r.total)).toBe('1000.00');
    expect(fixed(r.taxTotal)).toBe('0.00');
    expect(r.taxes.map((t) => [t.side, t.selfAssessed, t.accountId, t.box, fixed(t.base), fixed(t.tax)])).toEqual([
      ['output', true, 'acct-out', 'OUT', '1000.00', '200.00'],
      ['input', false, 'acct-RC20', 'T', '1000.00', '200.00'],
    ]);
  });

  it('exempt and zero-rated codes charge nothing whatever their rate, and report the base', () => {
    const ex = tax('EX', '0.2', { treatment: 'exempt', exemptReason: 'Art. 132' });
    const r = computeDocumentTaxes([line('50.00', [ex])], opts());
    expect(fixed(r.total)).toBe('50.00');
    expect(r.taxes.map((t) => [t.code, t.rate, fixed(t.base), fixed(t.tax)])).toEqual([['EX', '0', '50.00', '0.00']]);
  });
});
