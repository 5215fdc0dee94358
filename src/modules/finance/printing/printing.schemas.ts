import { z } from '@hono/zod-openapi';
import { isoDate } from '../../../platform/http/schemas.js';
import { sendDocumentBody } from './send-body.js';

export const SendBody = sendDocumentBody('SendDocumentRequest', {
  to: "Defaults to the party's email",
  subject: 'Defaults to the template (Finance settings → Documents)',
  message: 'The mail text; defaults to the template',
});
export type SendInput = z.output<typeof SendBody>;

export const DocumentSend = z
  .object({
    id: z.string(),
    kind: z.enum(['invoice', 'credit-note', 'bill', 'vendor-credit', 'statement']),
    documentId: z.string().nullable(),
    partyId: z.string(),
    periodFrom: z.string().nullable(),
    periodTo: z.string().nullable(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    fileName: z.string(),
    status: z.enum(['queued', 'sent', 'failed']).openapi({
      description: 'queued: the PDF is being made; sent: the mail with the PDF is handed to the mail job; failed',
    }),
    mailStatus: z
      .enum(['queued', 'running', 'succeeded', 'failed', 'cancelled'])
      .nullable()
      .openapi({ description: 'The mail job: succeeded when the mail left' }),
    error: z.string().nullable(),
    jobId: z.string().nullable(),
    mailJobId: z.string().nullable(),
    sentBy: z.string().nullable(),
    sentByEmail: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('DocumentSend');
export const DocumentSendList = z.object({ items: z.array(DocumentSend) }).openapi('DocumentSendList');

export const StatementQuery = z.object({
  from: isoDate.optional().openapi({ description: "Defaults to the first day of `to`'s year" }),
  to: isoDate.optional().openapi({ description: 'Defaults to today' }),
});

const amount = z.string();
export const Statement = z
  .object({
    party: z.object({ id: z.string(), name: z.string(), email: z.string().nullable(), taxId: z.string().nullable() }),
    from: z.string(),
    to: z.string(),
    currency: z.string().openapi({ description: 'The base currency: the ledger the statement ties to' }),
    openingBalance: amount,
    lines: z.array(
      z.object({
        date: z.string(),
        type: z.string(),
        item: z.enum(['invoice', 'credit-note', 'payment', 'refund', 'exchange-difference']),
        itemId: z.string(),
        number: z.string().nullable(),
        reference: z.string(),
        dueDate: z.string().nullable(),
        debit: amount,
        credit: amount,
        balance: amount,
      }),
    ),
    closingBalance: amount.openapi({ description: "The party's receivable balance in the ledger at `to`" }),
    ageing: z.object({
      current: amount,
      '1-30': amount,
      '31-60': amount,
      '61-90': amount,
      '90+': amount,
      total: amount,
    }),
  })
  .openapi('Statement');
