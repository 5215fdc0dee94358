import { describe, expect, it } from 'vitest';
import { percent } from './document-pdf.js';
import { grouped } from './pdf-layout.js';

describe('printed numbers', () => {
  it('groups thousands without going through a float', () => {
    expect(grouped('0.00')).toBe('0.00');
    expect(grouped('999.99')).toBe('999.99');
    expect(grouped('1234.5')).toBe('1,234.5');
    expect(grouped('-1234567.89')).toBe('-1,234,567.89');
    expect(grouped('12345678901234567890.01')).toBe('12,345,678,901,234,567,890.01');
  });

  it('shows a decimal fraction as a percentage', () => {
    expect(percent('0.2')).toBe('20');
    expect(percent('0.075')).toBe('7.5');
    expect(percent('0')).toBe('0');
    expect(percent('0.0000')).toBe('0');
    expect(percent('1.5')).toBe('150');
    expect(percent('0.19')).toBe('19');
  });
});
