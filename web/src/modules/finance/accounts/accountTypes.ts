/** The five account types, in chart order. */
export const TYPES = [
  { value: 'asset', label: 'Asset' },
  { value: 'liability', label: 'Liability' },
  { value: 'equity', label: 'Equity' },
  { value: 'income', label: 'Income' },
  { value: 'expense', label: 'Expense' },
] as const;
export type AccountType = (typeof TYPES)[number]['value'];
