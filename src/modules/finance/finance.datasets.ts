import { defineDataset } from '../../platform/modules/dataset.js';

/**
 * Finance's datasets for Analytics. Only the description lives here (the manifest loads it
 * eagerly); the rows come from `journalLineDatasetSource` (index.ts). Finance has no row-level
 * rule beyond `finance:read`: whoever reads the reports reads every posted line.
 */
export const financeDatasets = [
  defineDataset({
    key: 'finance.journal-lines',
    label: 'Journal lines',
    description:
      'Posted general-ledger lines in the base currency: account, department, date; amount is debit − credit.',
    permission: 'finance:read',
    defaultTimeField: 'date',
    fields: [
      { name: 'date', label: 'Posting date', type: 'date' },
      { name: 'accountCode', label: 'Account code', type: 'string' },
      { name: 'accountName', label: 'Account', type: 'string' },
      {
        name: 'accountType',
        label: 'Account type',
        type: 'string',
        description: 'asset, liability, equity, income or expense',
      },
      { name: 'department', label: 'Department', type: 'string' },
      { name: 'amount', label: 'Amount (debit − credit)', type: 'money', currency: 'currency' },
      { name: 'debit', label: 'Debit', type: 'money', currency: 'currency' },
      { name: 'credit', label: 'Credit', type: 'money', currency: 'currency' },
      { name: 'currency', label: 'Currency', type: 'string', description: 'The base currency' },
    ],
    measures: [
      { name: 'lines', label: 'Lines', aggregation: 'count' },
      { name: 'balance', label: 'Amount (debit − credit)', aggregation: 'sum', field: 'amount' },
      { name: 'totalDebit', label: 'Debit', aggregation: 'sum', field: 'debit' },
      { name: 'totalCredit', label: 'Credit', aggregation: 'sum', field: 'credit' },
      { name: 'accounts', label: 'Accounts', aggregation: 'countDistinct', field: 'accountCode' },
    ],
    source: async () => (await import('./index.js')).journalLineDatasetSource,
  }),
];
