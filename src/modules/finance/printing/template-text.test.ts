import { describe, expect, it } from 'vitest';
import { DOCUMENT_PLACEHOLDERS, fillTemplate, unknownPlaceholders } from './template-text.js';

describe('editable texts', () => {
  it('fills known placeholders with plain values, spaces inside the braces allowed', () => {
    expect(
      fillTemplate('Invoice {{documentNumber}} for {{ partyName }}', { documentNumber: 'INV-1', partyName: 'A & B' }),
    ).toBe('Invoice INV-1 for A & B');
  });

  it('never evaluates: a value that looks like a placeholder or markup stays text', () => {
    expect(fillTemplate('{{partyName}}', { partyName: '{{companyName}} <b>' })).toBe('{{companyName}} <b>');
    expect(fillTemplate('{{constructor}} {{__proto__}}', {})).toBe('{{constructor}} {{__proto__}}');
  });

  it('lists unknown placeholders', () => {
    expect(unknownPlaceholders('{{total}} {{secret}} {{process}}', DOCUMENT_PLACEHOLDERS)).toEqual([
      'secret',
      'process',
    ]);
    expect(unknownPlaceholders('no placeholders {single}', DOCUMENT_PLACEHOLDERS)).toEqual([]);
  });
});
