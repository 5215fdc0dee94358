import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../api';
import type { Option } from '../../components';
export { qty } from './orderLines';

export type Item = Schema<'SupplyItem'>;
export type Warehouse = Schema<'SupplyWarehouse'>;
export type PurchaseOrder = Schema<'SupplyPurchaseOrder'>;
export type Receipt = Schema<'SupplyReceipt'>;
export type SalesOrder = Schema<'SupplySalesOrder'>;
export type Delivery = Schema<'SupplyDelivery'>;
export type PriceList = Schema<'SupplyPriceList'>;
export type Count = Schema<'SupplyCount'>;
export type Settings = Schema<'SupplySettings'>;

export const supplyKeys = {
  item: (id: string) => ['supply', 'item', id] as const,
  itemStock: (id: string) => ['supply', 'item', id, 'on-hand'] as const,
  items: ['supply', 'items', 'all'] as const,
  warehouses: ['supply', 'warehouses', 'all'] as const,
  parties: (kind: string) => ['supply', 'parties', kind] as const,
  purchaseOrder: (id: string) => ['supply', 'purchase-order', id] as const,
  receipts: (orderId: string) => ['supply', 'purchase-order', orderId, 'receipts'] as const,
  salesOrder: (id: string) => ['supply', 'sales-order', id] as const,
  priceList: (id: string) => ['supply', 'price-list', id] as const,
  count: (id: string) => ['supply', 'count', id] as const,
  settings: ['supply', 'settings'] as const,
  lists: {
    items: 'supply-items',
    warehouses: 'supply-warehouses',
    purchaseOrders: 'supply-purchase-orders',
    salesOrders: 'supply-sales-orders',
    ledger: 'supply-ledger',
    priceLists: 'supply-price-lists',
    counts: 'supply-counts',
  },
};

/** Every warehouse (a short list: the first 200). */
export function useWarehouses() {
  return useQuery({
    queryKey: supplyKeys.warehouses,
    queryFn: () => unwrap(api.GET('/api/v1/supply/warehouses', { params: { query: { limit: 200 } } })),
    select: (page) => page.items,
  });
}

/** The active items for a line editor (the first 200 by SKU). */
export function useItemChoices() {
  return useQuery({
    queryKey: supplyKeys.items,
    queryFn: () =>
      unwrap(api.GET('/api/v1/supply/items', { params: { query: { limit: 200, active: 'true', sort: 'sku' } } })),
    select: (page) => page.items,
  });
}

/** Finance's customers or vendors (active, the first 200 by name). */
export function useParties(kind: 'customer' | 'vendor') {
  return useQuery({
    queryKey: supplyKeys.parties(kind),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/finance/parties', { params: { query: { kind, active: 'true', sort: 'name', limit: 200 } } }),
      ),
    select: (page) => page.items,
  });
}

/** Every location of every warehouse as "MAIN / STOCK" choices, and a name by location id. */
export function useLocations() {
  const warehouses = useWarehouses();
  const options: Option[] = (warehouses.data ?? []).flatMap((w) =>
    w.locations.filter((l) => l.active).map((l) => ({ value: l.id, label: `${w.code} / ${l.code}` })),
  );
  const nameOfLocation = (id: string | null | undefined) => {
    if (!id) return '—';
    for (const w of warehouses.data ?? []) {
      const l = w.locations.find((x) => x.id === id);
      if (l) return `${w.code} / ${l.code}`;
    }
    return '…';
  };
  return { warehouses, options, nameOfLocation };
}

export const toOptions = (rows: { id: string; name: string; code?: string; sku?: string }[] | undefined): Option[] =>
  (rows ?? []).map((r) => ({ value: r.id, label: (r.code ?? r.sku) ? `${r.code ?? r.sku} — ${r.name}` : r.name }));

/** A name by id from a loaded list ('…' while loading). */
export function nameOf(rows: { id: string; name: string }[] | undefined, id: string | null | undefined): string {
  if (!id) return '—';
  return rows?.find((r) => r.id === id)?.name ?? '…';
}

const TONE: Record<string, string> = {
  received: 'badge-active',
  delivered: 'badge-active',
  cancelled: 'badge-inactive',
};

export function statusBadgeClass(status: string): string {
  return `badge ${TONE[status] ?? ''}`.trim();
}

/**
 * The books' base currency: `undefined` while Finance's settings are being read, `null` when they are not
 * readable (amounts then show as numbers).
 */
export function useBaseCurrency(): string | null | undefined {
  const settings = useQuery({
    queryKey: ['finance', 'settings'],
    queryFn: () => unwrap(api.GET('/api/v1/finance/settings')),
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (settings.isPending) return undefined;
  return settings.data?.baseCurrency ?? null;
}
