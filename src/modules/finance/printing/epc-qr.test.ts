import { describe, expect, it } from 'vitest';
import { epcPayload, qrMatrix } from './epc-qr.js';

const base = {
  name: 'MOMS Trading GmbH',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  reference: 'RF18539007547034',
};

describe('EPC QR code (SEPA credit transfer)', () => {
  it('carries the creditor, IBAN, amount in euros and the RF reference, one field a line', () => {
    expect(epcPayload({ ...base, currency: 'EUR', amount: '205.00' })).toBe(
      'BCD\n002\n1\nSCT\nCOBADEFFXXX\nMOMS Trading GmbH\nDE89370400440532013000\nEUR205.00\n\nRF18539007547034\n',
    );
    const matrix = qrMatrix(epcPayload({ ...base, currency: 'EUR', amount: '205.00' })!);
    expect(matrix.length).toBeGreaterThan(20);
    expect(matrix.every((row) => row.length === matrix.length)).toBe(true);
  });

  it('is only for euros, a positive amount and a known IBAN', () => {
    expect(epcPayload({ ...base, currency: 'USD', amount: '205.00' })).toBeNull();
    expect(epcPayload({ ...base, currency: 'EUR', amount: '0.00' })).toBeNull();
    expect(epcPayload({ ...base, currency: 'EUR', amount: '1000000000.00' })).toBeNull();
    expect(epcPayload({ ...base, iban: '', currency: 'EUR', amount: '1.00' })).toBeNull();
  });
});
