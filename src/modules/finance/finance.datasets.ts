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
  defineDataset({
    key: 'finance.documents',
    label: 'Invoices and bills',
    description:
      'Invoices, bills, credit notes and vendor credits with status, due date and the amount still open (AR/AP aging).',
    permission: 'finance:read',
    defaultTimeField: 'documentDate',
    fields: [
      { name: 'kind', label: 'Kind', type: 'string', description: 'invoice, bill, credit-note or vendor-credit' },
      { name: 'number', label: 'Number', type: 'string' },
      {
        name: 'status',
        label: 'Status',
        type: 'string',
        description: 'draft, issued, partially-paid, paid or void',
      },
      { name: 'party', label: 'Customer or vendor', type: 'string' },
      { name: 'documentDate', label: 'Document date', type: 'date' },
      { name: 'dueDate', label: 'Due date', type: 'date' },
      { name: 'currency', label: 'Currency', type: 'string' },
      { name: 'total', label: 'Total', type: 'money', currency: 'currency' },
      {
        name: 'amountOpen',
        label: 'Amount open',
        type: 'money',
        currency: 'currency',
        description: 'Total − allocated, for issued and partially paid documents',
      },
      {
        name: 'daysOverdue',
        label: 'Days overdue',
        type: 'number',
        description: 'Days past the due date (0: not due)',
      },
      {
        name: 'agingBucket',
        label: 'Aging bucket',
        type: 'string',
        description: 'current, 1-30, 31-60, 61-90 or 90+ days past due; empty when nothing is open',
      },
    ],
    measures: [
      { name: 'documents', label: 'Documents', aggregation: 'count' },
      { name: 'totalAmount', label: 'Total', aggregation: 'sum', field: 'total' },
      { name: 'openAmount', label: 'Amount open', aggregation: 'sum', field: 'amountOpen' },
      { name: 'parties', label: 'Customers or vendors', aggregation: 'countDistinct', field: 'party' },
      { name: 'maxDaysOverdue', label: 'Most days overdue', aggregation: 'max', field: 'daysOverdue' },
    ],
    source: async () => (await import('./index.js')).documentDatasetSource,
  }),
];
