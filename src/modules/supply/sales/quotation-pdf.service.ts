import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { isoTimestamp } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { FileStore } from '../../../platform/files/file-store.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import {
  commercialDocumentPdf,
  commercialSendStates,
  sendCommercialDocument,
  type CommercialDocumentInput,
  type CommercialSendState,
} from '../../finance/index.js';
import { trimZeros } from '../supply.shared.js';
import type { QuotationSendDto, QuotationSendInput } from './quotation-pdf.schemas.js';
import * as repo from './quotation-sends.repository.js';
import { lineNet, orderTotal } from './sales.view.js';

const ENTITY = 'supply.sales-order';

/** A price as printed: trailing zeros trimmed, but at least the cents ("120.5000" → "120.50"). */
const price = (value: string) => {
  const [whole, fraction = ''] = trimZeros(value).split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
};

/**
 * The order as the commercial document Finance prints: "Quotation" while it is one, else "Sales
 * order" (a cancelled one marked so); lines with the item's name and SKU, in the line's unit; the
 * total is the order's (supply charges no tax on orders: the invoice does).
 */
async function commercialDocument(db: Db, id: string): Promise<CommercialDocumentInput & { status: string }> {
  const order = await repo.findOrder(db, id);
  if (!order) throw errors.notFound('Sales order', id);
  const lines = await repo.printLines(db, id);
  const total = orderTotal(lines).toFixed(2);
  return {
    status: order.status,
    title: order.status === 'quotation' ? 'Quotation' : 'Sales order',
    marker: order.status === 'cancelled' ? 'CANCELLED' : '',
    number: order.number,
    date: order.order_date,
    validUntil: order.status === 'quotation' ? order.valid_until : null,
    partyId: order.customer_id,
    partyLabel: 'Customer',
    currency: order.currency,
    lines: lines.map((l) => ({
      description: `${l.name} (${l.sku})`,
      quantity: trimZeros(l.quantity),
      unit: l.unit,
      unitPrice: price(l.unit_price),
      discountPercent: trimZeros(l.discount_percent),
      amount: lineNet(l.quantity, l.unit_price, l.discount_percent).toFixed(2),
    })),
    subtotal: total,
    taxTotal: null,
    total,
    notes: order.memo,
  };
}

/** The quotation's or order's PDF (Finance's letterhead and logo); 404 when there is no such order. */
export async function quotationPdf(db: Db, store: FileStore | null, id: string) {
  const { status: _status, ...document } = await commercialDocument(db, id);
  return commercialDocumentPdf(db, store, document);
}

type SendRow = Awaited<ReturnType<typeof repo.listSends>>[number];

function toSendDto(row: SendRow, state: CommercialSendState | undefined): QuotationSendDto {
  return {
    id: row.id,
    orderId: row.order_id,
    to: row.recipients.to,
    cc: row.recipients.cc,
    subject: row.subject,
    fileName: row.file_name,
    jobId: row.job_id,
    status: state?.status ?? 'queued',
    mailStatus: state?.mailStatus ?? null,
    error: state?.error ?? null,
    sentBy: row.sent_by,
    sentByEmail: row.sent_by_email,
    createdAt: isoTimestamp(row.created_at),
  };
}

async function withStates(db: Db, rows: SendRow[]): Promise<QuotationSendDto[]> {
  const states = await commercialSendStates(
    db,
    rows.map((r) => r.job_id),
  );
  return rows.map((r) => toSendDto(r, states.get(r.job_id)));
}

/**
 * Emails the quotation (or order) as a PDF: in one transaction, Finance queues the job that renders
 * it and queues the mail (recipient default: the customer's email, 422 when none), the send is
 * logged on the order and audited. A cancelled order is not sent (422).
 */
export async function sendQuotation(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: QuotationSendInput,
): Promise<QuotationSendDto> {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  const sendId = await inTransaction(db, async (trx) => {
    const order = await repo.findOrder(trx, id, { forUpdate: true });
    if (!order) throw errors.notFound('Sales order', id);
    if (order.status === 'cancelled')
      throw errors.validation(
        [{ path: 'status', message: 'A cancelled order cannot be sent.', code: 'not_sendable' }],
        `Sales order ${order.number} is cancelled: it is not sent.`,
      );
    const { status: _status, ...document } = await commercialDocument(trx, id);
    const queued = await sendCommercialDocument(trx, {
      document,
      to: input.to,
      cc: input.cc,
      subject: input.subject,
      message: input.message,
      createdBy: actor.userId,
    });
    const row = await repo.insertSend(trx, {
      order_id: id,
      recipients: JSON.stringify({ to: queued.to, cc: queued.cc }),
      subject: queued.subject,
      file_name: queued.fileName,
      job_id: queued.jobId,
      sent_by: actor.userId,
      sent_by_email: actor.email,
    });
    await writeAudit(trx, ctx, {
      action: 'sales-order.sent',
      entityType: ENTITY,
      entityId: id,
      after: {
        sendId: row.id,
        status: order.status,
        to: queued.to,
        cc: queued.cc,
        subject: queued.subject,
        jobId: queued.jobId,
      },
    });
    return row.id;
  });
  const [row] = await repo.listSends(db, { id: sendId });
  if (!row) throw errors.notFound('Send', sendId);
  return (await withStates(db, [row]))[0]!;
}

/** Who sent the order to whom and when, and whether the mail left; newest first. */
export async function quotationSends(db: Db, id: string) {
  if (!(await repo.findOrder(db, id))) throw errors.notFound('Sales order', id);
  return { items: await withStates(db, await repo.listSends(db, { orderId: id })) };
}
