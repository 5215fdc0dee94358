import { Decimal } from 'decimal.js';
import { addDays } from '../../platform/dates.js';
import type { DemoContext, DemoGenerator } from '../../platform/demo/demo.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { listPartiesFor } from '../finance/index.js';
import * as catalogue from './catalogue/catalogue.service.js';
import * as counts from './stock/counts.service.js';
import * as purchasing from './purchasing/purchasing.service.js';
import * as replenishment from './purchasing/replenishment.service.js';
import { createQuotation } from './sales/quotations.service.js';
import * as sales from './sales/sales.service.js';
import * as stock from './stock/stock.service.js';

interface DemoItem {
  sku: string;
  name: string;
  category: string;
  price: string;
  cost: string;
  tracking?: 'lot' | 'serial';
  shelfLifeDays?: number;
  units?: { unit: string; factor: string }[];
  type?: 'stocked' | 'service' | 'consumable';
}

const ITEMS: DemoItem[] = [
  { sku: 'CHAIR-ERGO', name: 'Ergonomic office chair', category: 'Furniture', price: '249.00', cost: '140.00' },
  { sku: 'DESK-160', name: 'Desk 160 × 80', category: 'Furniture', price: '399.00', cost: '210.00' },
  { sku: 'LAMP-LED', name: 'LED desk lamp', category: 'Furniture', price: '49.00', cost: '18.50' },
  {
    sku: 'PAPER-A4',
    name: 'Copy paper A4, ream',
    category: 'Office supplies',
    price: '6.90',
    cost: '3.20',
    units: [{ unit: 'box', factor: '5' }],
  },
  { sku: 'TONER-BK', name: 'Toner cartridge black', category: 'Office supplies', price: '89.00', cost: '52.00' },
  {
    sku: 'COFFEE-1KG',
    name: 'Coffee beans 1 kg',
    category: 'Pantry',
    price: '24.00',
    cost: '11.00',
    tracking: 'lot',
    shelfLifeDays: 270,
  },
  {
    sku: 'TEA-100',
    name: 'Green tea, 100 bags',
    category: 'Pantry',
    price: '9.50',
    cost: '4.10',
    tracking: 'lot',
    shelfLifeDays: 540,
  },
  {
    sku: 'WATER-24',
    name: 'Sparkling water, crate of 24',
    category: 'Pantry',
    price: '12.00',
    cost: '6.00',
    tracking: 'lot',
    shelfLifeDays: 180,
  },
  { sku: 'LAPTOP-14', name: 'Laptop 14"', category: 'IT', price: '1290.00', cost: '940.00', tracking: 'serial' },
  { sku: 'MONITOR-27', name: 'Monitor 27" 4K', category: 'IT', price: '429.00', cost: '285.00' },
  {
    sku: 'CABLE-USBC',
    name: 'USB-C cable 2 m',
    category: 'IT',
    price: '14.00',
    cost: '3.80',
    units: [{ unit: 'pack10', factor: '10' }],
  },
  {
    sku: 'INSTALL',
    name: 'Installation service (hour)',
    category: 'Services',
    price: '85.00',
    cost: '0',
    type: 'service',
  },
];

async function generate({ db, log, faker }: DemoContext) {
  const existing = await catalogue.listItems(db, { limit: 1, sort: 'sku' });
  if (existing.items.length > 0) {
    log('supply: demo data already present');
    return;
  }
  const ctx: RequestContext = { actor: null, requestId: 'demo' };
  const suppliers = await listPartiesFor(db, 'vendor', 3);
  const customers = await listPartiesFor(db, 'customer', 3);
  const main = await catalogue.createWarehouse(db, ctx, {
    code: 'MAIN',
    name: 'Central warehouse',
    address: { street: '12 Dock Road', city: 'Rotterdam', postalCode: '3011', country: 'NL' },
  });
  await catalogue.createLocation(db, ctx, main.id, { code: 'A-01', name: 'Aisle A, bay 1' });
  await catalogue.createLocation(db, ctx, main.id, { code: 'A-02', name: 'Aisle A, bay 2' });
  const east = await catalogue.createWarehouse(db, ctx, {
    code: 'EAST',
    name: 'East depot',
    address: { street: '4 Industrieweg', city: 'Utrecht', postalCode: '3542', country: 'NL' },
  });
  const items = new Map<string, string>();
  for (const [i, it] of ITEMS.entries()) {
    const supplier = suppliers.length > 0 ? suppliers[i % suppliers.length]!.id : null;
    const made = await catalogue.createItem(db, ctx, {
      sku: it.sku,
      name: it.name,
      type: it.type ?? 'stocked',
      uom: 'pcs',
      units: it.units ?? [],
      barcode: String(4006381333931 + i),
      category: it.category,
      tracking: it.tracking ?? 'none',
      shelfLifeDays: it.shelfLifeDays ?? null,
      allowNegative: false,
      defaultSupplierId: it.type === 'service' ? null : supplier,
    });
    items.set(it.sku, made.id);
  }
  const stocked = ITEMS.filter((it) => (it.type ?? 'stocked') === 'stocked');
  await catalogue.createPriceList(db, ctx, {
    name: 'Standard sales prices',
    kind: 'sales',
    currency: 'USD',
    prices: ITEMS.flatMap((it) => [
      { itemId: items.get(it.sku)!, minQuantity: '0', unitPrice: it.price },
      {
        itemId: items.get(it.sku)!,
        minQuantity: '10',
        unitPrice: new Decimal(it.price).times('0.9').toDecimalPlaces(2).toFixed(2),
      },
    ]),
  });
  if (suppliers.length === 0) {
    log('supply: catalogue and warehouses (no vendors in Finance: no purchasing demo)');
    return;
  }
  for (const [i, s] of suppliers.entries())
    await catalogue.createPriceList(db, ctx, {
      name: `${s.name} prices`,
      kind: 'purchase',
      currency: s.currency ?? 'USD',
      partyId: s.id,
      prices: stocked
        .filter((_, j) => j % suppliers.length === i)
        .map((it) => ({ itemId: items.get(it.sku)!, minQuantity: '0', unitPrice: it.cost })),
    });

  const today = new Date().toISOString().slice(0, 10);
  const start = addDays(today, -45);
  const bySupplier = new Map<string, DemoItem[]>();
  stocked.forEach((it, j) => {
    const s = suppliers[j % suppliers.length]!.id;
    bySupplier.set(s, [...(bySupplier.get(s) ?? []), it]);
  });
  let n = 0;
  let draftLeft = true;
  for (const [supplierId, list] of bySupplier) {
    const supplier = suppliers.find((s) => s.id === supplierId)!;
    if (supplier.currency && supplier.currency !== 'USD') continue;
    // A received order (billed), a partly received one, and an open one per supplier.
    for (const fate of ['received', 'partial', 'open'] as const) {
      n++;
      const orderDate = addDays(start, n * 2);
      const po = await purchasing.createOrder(db, ctx, {
        supplierId,
        warehouseId: fate === 'open' && n % 2 === 0 ? east.id : main.id,
        orderDate,
        expectedDate: addDays(orderDate, 7),
        memo: '',
        lines: list.map((it) => ({
          itemId: items.get(it.sku)!,
          quantity: it.tracking === 'serial' ? '3' : String(faker.number.int({ min: 20, max: 60 })),
          unitPrice: it.cost,
        })),
      });
      if (fate === 'open') {
        // The first open order stays a draft; the others are sent to the supplier.
        if (draftLeft) draftLeft = false;
        else await purchasing.confirmOrder(db, ctx, po.id, po.version);
        continue;
      }
      const ordered = await purchasing.confirmOrder(db, ctx, po.id, po.version);
      const receiptDate = addDays(orderDate, faker.number.int({ min: 5, max: 10 }));
      const receipt = await purchasing.receive(db, ctx, po.id, {
        date: receiptDate,
        lines: ordered.lines.flatMap((l) => {
          const it = ITEMS.find((x) => x.sku === l.sku)!;
          const q = fate === 'received' ? Number(l.quantity) : Math.ceil(Number(l.quantity) / 2);
          if (it.tracking === 'serial')
            return Array.from({ length: q }, (_, k) => ({
              orderLineId: l.id,
              quantity: '1',
              lotCode: `SN-${n}${k}-${faker.string.alphanumeric(6).toUpperCase()}`,
            }));
          if (it.tracking === 'lot')
            return [{ orderLineId: l.id, quantity: String(q), lotCode: `L${receiptDate.replaceAll('-', '')}-${n}` }];
          return [{ orderLineId: l.id, quantity: String(q) }];
        }),
      });
      if (fate === 'received')
        await purchasing.billReceipt(db, ctx, receipt.id, { date: receiptDate, supplierReference: `INV-${1000 + n}` });
    }
  }

  // Sales: reserve and deliver some stock, and a return.
  const customerId = customers[0]?.id;
  const deliveries = [];
  for (const sku of ['CHAIR-ERGO', 'COFFEE-1KG', 'PAPER-A4', 'MONITOR-27']) {
    try {
      deliveries.push(
        await stock.deliver(db, ctx, {
          date: addDays(today, -3),
          ...(customerId ? { customerId } : {}),
          reference: `SO-${sku}`,
          lines: [{ itemId: items.get(sku)!, warehouseId: main.id, quantity: '4' }],
        }),
      );
    } catch {
      // not received in this demo size: skip it
    }
  }
  const first = deliveries[0];
  if (first)
    await stock.customerReturn(db, ctx, first.id, {
      date: addDays(today, -1),
      reason: 'damaged in transit',
      lines: [{ deliveryLineId: first.lines[0]!.id, quantity: '1' }],
    });
  try {
    await stock.reserve(db, ctx, {
      itemId: items.get('LAMP-LED')!,
      warehouseId: main.id,
      quantity: '2',
      reference: 'SO-LAMP',
    });
  } catch {
    // nothing to reserve
  }

  // Sales orders in every state: a quotation, confirmed (reserved), partly and fully delivered (invoiced), cancelled.
  if (customerId) {
    const salesState = async (
      sku: string,
      quantity: string,
      fate: 'quotation' | 'confirmed' | 'partial' | 'delivered' | 'cancelled',
    ) => {
      const q = await createQuotation(db, ctx, {
        customerId,
        warehouseId: main.id,
        validUntil: addDays(today, 30),
        memo: '',
        lines: [{ itemId: items.get(sku)!, quantity, discountPercent: fate === 'delivered' ? '5' : '0' }],
      });
      if (fate === 'quotation') return;
      const so = await sales.confirmOrder(db, ctx, q.id, q.version);
      if (fate === 'cancelled') await sales.cancelOrder(db, ctx, so.id, so.version);
      if (fate === 'partial' || fate === 'delivered') {
        const line = so.lines[0]!;
        const d = await sales.deliverOrder(db, ctx, so.id, {
          lines: [{ orderLineId: line.id, quantity: fate === 'partial' ? '1' : line.quantity }],
        });
        await sales.invoiceDelivery(db, ctx, d.id, {});
      }
    };
    for (const [sku, quantity, fate] of [
      ['DESK-160', '2', 'quotation'],
      ['LAMP-LED', '3', 'confirmed'],
      ['MONITOR-27', '3', 'partial'],
      ['TEA-100', '2', 'delivered'],
      ['CHAIR-ERGO', '1', 'cancelled'],
    ] as const) {
      try {
        await salesState(sku, quantity, fate);
      } catch {
        // not enough stock received in this demo size: skip it
      }
    }
  }

  // Reorder rules, a posted cycle count, and what replenishment would order.
  for (const sku of ['PAPER-A4', 'TONER-BK', 'COFFEE-1KG', 'CABLE-USBC'])
    await replenishment.createRule(db, ctx, {
      itemId: items.get(sku)!,
      warehouseId: main.id,
      minQuantity: '30',
      maxQuantity: '120',
    });
  const toner = items.get('TONER-BK')!;
  const onHand = Number((await catalogue.getItem(db, toner)).onHand);
  if (onHand > 2) {
    const count = await counts.createCount(db, ctx, {
      warehouseId: main.id,
      reason: 'cycle count',
      lines: [{ itemId: toner, countedQuantity: String(onHand - 2) }],
    });
    await counts.postCount(db, ctx, count.id, count.version);
  }
  await replenishment.replenish(db, ctx);
  log(`supply: ${ITEMS.length} items, 2 warehouses, ${n} purchase orders, ${deliveries.length} deliveries`);
}

export const supplyDemo: DemoGenerator = { module: 'supply', generate };
