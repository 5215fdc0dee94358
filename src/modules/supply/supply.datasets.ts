import { defineDataset } from '../../platform/modules/dataset.js';

/**
 * Supply's datasets for Analytics. Only the description lives here (the manifest loads it eagerly);
 * the rows come from `stockMoveDatasetSource` (index.ts). Supply has no row rule beyond
 * `supply:read`: whoever reads the stock reports reads every move.
 */
export const supplyDatasets = [
  defineDataset({
    key: 'supply.stock-moves',
    label: 'Stock moves',
    description:
      'The stock ledger: receipts, deliveries, transfers, adjustments, counts and returns, with quantity and value.',
    permission: 'supply:read',
    defaultTimeField: 'date',
    fields: [
      {
        name: 'kind',
        label: 'Kind',
        type: 'string',
        description: 'receipt, delivery, transfer, adjustment, count, supplier-return, customer-return or revaluation',
      },
      { name: 'date', label: 'Date', type: 'date' },
      { name: 'sku', label: 'SKU', type: 'string' },
      { name: 'item', label: 'Item', type: 'string' },
      { name: 'category', label: 'Category', type: 'string' },
      { name: 'reason', label: 'Reason', type: 'string' },
      { name: 'fromWarehouse', label: 'From warehouse', type: 'string' },
      { name: 'toWarehouse', label: 'To warehouse', type: 'string' },
      { name: 'quantity', label: 'Quantity', type: 'number', description: 'In the item’s base unit' },
      { name: 'value', label: 'Value', type: 'money', currency: 'currency' },
      { name: 'currency', label: 'Currency', type: 'string', description: 'The base currency' },
    ],
    measures: [
      { name: 'moves', label: 'Moves', aggregation: 'count' },
      { name: 'totalQuantity', label: 'Quantity', aggregation: 'sum', field: 'quantity' },
      { name: 'totalValue', label: 'Value', aggregation: 'sum', field: 'value' },
      { name: 'items', label: 'Items', aggregation: 'countDistinct', field: 'sku' },
    ],
    source: async () => (await import('./index.js')).stockMoveDatasetSource,
  }),
];
