import { contentDisposition } from '../../../platform/files/file-store.js';
import { defineRoute, json, reply, requestContext, z, type createRouter } from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { QuotationSend, QuotationSendBody, QuotationSendList } from './quotation-pdf.schemas.js';
import * as service from './quotation-pdf.service.js';
import type { ModuleServices } from '../../../platform/modules/module.js';

const tags = ['supply'];
const DownloadQuery = z.object({
  download: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: as an attachment (Save as); default: inline, for the browser to show' }),
});

/**
 * Quotations and sales orders as PDFs (Finance's letterhead and logo; rendered synchronously, one
 * order is small), sending them by email (a Finance job renders the PDF and queues the mail), and
 * the log of sends.
 */
export function registerQuotationPdfRoutes(
  router: ReturnType<typeof createRouter>,
  { getFileStore }: Pick<ModuleServices, 'getFileStore'>,
) {
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/sales-orders/{id}/pdf',
      tags,
      summary: 'The quotation or sales order as a PDF (a cancelled one is marked so)',
      request: { params: IdParam, query: DownloadQuery },
      responses: {
        200: {
          description: 'The PDF (A4)',
          content: { 'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
        },
      },
    }),
    async (c) => {
      const file = await service.quotationPdf(c.get('db'), await getFileStore(), c.req.valid('param').id);
      const disposition = contentDisposition(file.fileName);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/pdf',
        'content-disposition':
          c.req.valid('query').download === 'true' ? disposition : disposition.replace(/^attachment/, 'inline'),
        'cache-control': 'private, no-store',
      });
    },
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/sales-orders/{id}/send',
      tags,
      summary: "Email the quotation or order with its PDF (default recipient: the customer's email)",
      request: { params: IdParam, body: { ...json(QuotationSendBody), required: false } },
      responses: { 202: { description: 'Queued: the send log entry with its job', ...json(QuotationSend) } },
    }),
    async (c) => {
      const sent = await service.sendQuotation(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json') ?? {},
      );
      return c.json(QuotationSend.parse(sent), 202);
    },
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/sales-orders/{id}/sends',
      tags,
      summary: 'Who sent the quotation or order to whom, when, and whether the mail left',
      request: { params: IdParam },
      responses: { 200: { description: 'The send log, newest first', ...json(QuotationSendList) } },
    }),
    async (c) => reply(c, QuotationSendList, await service.quotationSends(c.get('db'), c.req.valid('param').id)),
  );
}
