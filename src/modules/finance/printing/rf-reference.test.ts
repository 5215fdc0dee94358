import { describe, expect, it } from 'vitest';
import { groupedReference, isValidIban, isValidRfReference, referenceBody, rfReference } from './rf-reference.js';

describe('ISO 11649 creditor reference', () => {
  it('computes the check digits of the standard example', () => {
    expect(rfReference('539007547034')).toBe('RF18539007547034');
    expect(groupedReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });

  it('turns a document number into a reference that validates', () => {
    const ref = rfReference('INV-2026-0001');
    expect(ref).toMatch(/^RF[0-9]{2}INV20260001$/);
    expect(isValidRfReference(ref)).toBe(true);
    expect(isValidRfReference(groupedReference(ref))).toBe(true);
  });

  it('refuses a reference with a wrong check digit or characters', () => {
    expect(isValidRfReference('RF18539007547034')).toBe(true);
    expect(isValidRfReference('RF19539007547034')).toBe(false);
    expect(isValidRfReference('RF18 5390 0754 7035')).toBe(false);
    expect(isValidRfReference('RF18-539007547034')).toBe(false);
    expect(isValidRfReference('XX18539007547034')).toBe(false);
  });

  it('keeps at most 21 characters and needs one', () => {
    expect(referenceBody('a'.repeat(30) + '-123')).toHaveLength(21);
    expect(isValidRfReference(rfReference('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123'))).toBe(true);
    expect(() => referenceBody('---')).toThrow();
  });
});

describe('IBAN', () => {
  it('checks the form and the check digits', () => {
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('GB29NWBK60161331926819')).toBe(true);
    expect(isValidIban('DE88 3704 0044 0532 0130 00')).toBe(false);
    expect(isValidIban('not an iban')).toBe(false);
  });
});
