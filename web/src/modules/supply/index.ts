import { api, unwrap } from '../../api/client';
import { defineModule } from '../types';

/** Supply chain: items and stock, warehouses, purchase and sales orders, valuation. Every page loads lazily. */
export const supplyModule = defineModule({
  id: 'supply',
  label: 'Supply',
  icon: '▦',
  permissionPrefix: 'supply',
  basePath: '/supply',
  shortcut: 's',
  routes: [
    { path: '/', load: () => import('./SupplyHome') },
    { path: 'items', load: () => import('./items/ItemsPage') },
    { path: 'items/new', load: () => import('./items/ItemNewPage'), permission: 'supply:admin' },
    { path: 'items/$id', load: () => import('./items/ItemPage') },
    { path: 'warehouses', load: () => import('./items/WarehousesPage') },
    { path: 'purchase-orders', load: () => import('./purchasing/PurchaseOrdersPage') },
    {
      path: 'purchase-orders/new',
      load: () => import('./purchasing/PurchaseOrderNewPage'),
      permission: 'supply:write',
    },
    { path: 'purchase-orders/$id', load: () => import('./purchasing/PurchaseOrderPage') },
    { path: 'sales-orders', load: () => import('./sales/SalesOrdersPage') },
    { path: 'sales-orders/new', load: () => import('./sales/SalesOrderNewPage'), permission: 'supply:write' },
    { path: 'sales-orders/$id', load: () => import('./sales/SalesOrderPage') },
    { path: 'stock', load: () => import('./reports/OnHandPage') },
    { path: 'valuation', load: () => import('./reports/ValuationPage') },
    { path: 'reorder-rules', load: () => import('./reports/ReorderRulesPage') },
    { path: 'price-lists', load: () => import('./pricing/PriceListsPage') },
    { path: 'price-lists/new', load: () => import('./pricing/PriceListNewPage'), permission: 'supply:admin' },
    { path: 'price-lists/$id', load: () => import('./pricing/PriceListPage') },
    { path: 'transfers', load: () => import('./stock/TransferPage') },
    { path: 'counts', load: () => import('./counts/CountsPage') },
    { path: 'counts/new', load: () => import('./counts/CountNewPage'), permission: 'supply:write' },
    { path: 'counts/$id', load: () => import('./counts/CountPage') },
    { path: 'settings', load: () => import('./SettingsPage') },
  ],
  nav: [
    { label: 'Overview', to: '/supply' },
    { label: 'Items', to: '/supply/items', permission: 'supply:read' },
    { label: 'Warehouses', to: '/supply/warehouses', permission: 'supply:read' },
    { label: 'Purchase orders', to: '/supply/purchase-orders', permission: 'supply:read' },
    { label: 'Sales orders', to: '/supply/sales-orders', permission: 'supply:read' },
    { label: 'Stock on hand', to: '/supply/stock', permission: 'supply:read' },
    { label: 'Valuation', to: '/supply/valuation', permission: 'supply:read' },
    { label: 'Reorder rules', to: '/supply/reorder-rules', permission: 'supply:read' },
    { label: 'Price lists', to: '/supply/price-lists', permission: 'supply:read' },
    { label: 'Transfers', to: '/supply/transfers', permission: 'supply:write' },
    { label: 'Counts', to: '/supply/counts', permission: 'supply:read' },
    { label: 'Settings', to: '/supply/settings', permission: 'supply:read' },
  ],
  searchProviders: [
    {
      id: 'supply-items',
      label: 'Items',
      permission: 'supply:read',
      search: async (q, signal) =>
        (await unwrap(api.GET('/api/v1/supply/items', { params: { query: { q, limit: 6 } }, signal }))).items.map(
          (i) => ({
            id: i.id,
            title: `${i.sku} — ${i.name}`,
            subtitle: `${i.available} ${i.uom} available`,
            to: `/supply/items/${i.id}`,
          }),
        ),
    },
  ],
});
