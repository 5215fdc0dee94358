import type { Db } from '../../../platform/db/database.js';
import { dec } from '../stock/stock.engine.js';
import * as repo from './lists.repository.js';
import type { DeliveryListFilter, DeliverySummaryDto, ReceiptListFilter, ReceiptSummaryDto } from './lists.schemas.js';

export async function listDeliveries(db: Db, filter: DeliveryListFilter) {
  const page = await repo.listDeliveries(db, filter);
  const items: DeliverySummaryDto[] = page.items.map((d) => ({
    id: d.id,
    number: d.number,
    kind: d.kind,
    status: d.invoice_id ? 'invoiced' : d.kind === 'delivery' && d.sales_order_id ? 'to-invoice' : 'no-order',
    customerId: d.customer_id,
    date: d.delivery_date,
    reference: d.reference,
    salesOrderId: d.sales_order_id,
    salesOrderNumber: d.order_number,
    invoiceId: d.invoice_id,
    lineCount: Number(d.line_count ?? 0),
    value: dec(d.value ?? 0).toFixed(2),
  }));
  return { items, nextCursor: page.nextCursor };
}

export async function listReceipts(db: Db, filter: ReceiptListFilter) {
  const page = await repo.listReceipts(db, filter);
  const items: ReceiptSummaryDto[] = page.items.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    orderId: r.order_id,
    orderNumber: r.order_number,
    supplierId: r.supplier_id,
    date: r.receipt_date,
    billId: r.bill_id,
    lineCount: Number(r.line_count ?? 0),
  }));
  return { items, nextCursor: page.nextCursor };
}
