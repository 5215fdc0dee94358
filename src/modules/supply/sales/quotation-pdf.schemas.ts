import { z } from '@hono/zod-openapi';
import { sendDocumentBody } from '../../finance/index.js';

export const QuotationSendBody = sendDocumentBody('SupplyQuotationSendRequest', {
  to: "Defaults to the customer's email (422 when it has none)",
  subject: "Defaults to Finance's document email subject (Finance → Document settings)",
  message: "The mail text; defaults to Finance's template",
});
export type QuotationSendInput = z.output<typeof QuotationSendBody>;

export const QuotationSend = z
  .object({
    id: z.string(),
    orderId: z.string(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    subject: z.string(),
    fileName: z.string(),
    jobId: z
      .string()
      .openapi({ description: 'The job that renders the PDF and queues the mail (GET /api/v1/jobs/{id})' }),
    status: z.enum(['queued', 'sent', 'failed']).openapi({
      description: 'queued: the PDF is being made; sent: the mail with the PDF is handed to the mail job; failed',
    }),
    mailStatus: z
      .enum(['queued', 'running', 'succeeded', 'failed', 'cancelled'])
      .nullable()
      .openapi({ description: 'The mail job: succeeded when the mail left' }),
    error: z.string().nullable(),
    sentBy: z.string().nullable(),
    sentByEmail: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('SupplyQuotationSend');
export const QuotationSendList = z.object({ items: z.array(QuotationSend) }).openapi('SupplyQuotationSendList');
export type QuotationSendDto = z.input<typeof QuotationSend>;
