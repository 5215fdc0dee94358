import { isDecimal, isZero } from '../decimal';

/** A document line as the form edits it (decimal strings as typed). */
export interface Line {
  description: string;
  accountId: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
  /** A tax code (or group); empty: the free percentage `taxRate`. */
  taxCodeId: string;
  /** Dimensions (empty: none). */
  department: string;
  projectId: string;
}
export const emptyLine = (): Line => ({
  description: '',
  accountId: '',
  quantity: '1',
  unitPrice: '',
  discountPercent: '0',
  taxRate: '0',
  taxCodeId: '',
  department: '',
  projectId: '',
});

const PERCENT = /^(100(\.0{1,4})?|\d{1,2}(\.\d{1,4})?)$/;
/** What is wrong with a line, in words; null when it can be saved. */
export function lineProblem(l: Line): string | null {
  if (!isDecimal(l.quantity.trim()) || l.quantity.trim().startsWith('-') || isZero(l.quantity))
    return 'The quantity is a number greater than 0 (up to 4 decimals).';
  if (!isDecimal(l.unitPrice.trim()) || l.unitPrice.trim().startsWith('-'))
    return 'The unit price is a number such as 120.00 (up to 4 decimals).';
  if (!PERCENT.test(l.discountPercent.trim() || '0')) return 'The discount is a percentage from 0 to 100.';
  if (!PERCENT.test(l.taxRate.trim() || '0')) return 'The tax rate is a percentage from 0 to 100.';
  return null;
}
