import type { Db } from '../../../platform/db/database.js';
import { contentDisposition } from '../../../platform/files/file-store.js';
import { csvAttachment, csvResponses } from '../../../platform/http/csv-export.js';
import { defineRoute, json, reply, z, type createRouter } from '../../../platform/http/router.js';
import { sendCsv } from '../finance.export.js';
import { cashFlowCsv } from './cash-flow.csv.js';
import { cashFlowStatement, type CashFlowMethod } from './cash-flow.js';
import { CashFlow, CashFlowCsvQuery, CashFlowQuery } from './cash-flow.schemas.js';
import type { ModuleServices } from '../../../platform/modules/module.js';

const tags = ['finance reports'];

async function csv(db: Db, query: { from: string; to: string; method: CashFlowMethod }) {
  const report = await cashFlowStatement(db, query);
  return { filename: `cash-flow-${report.method}-${report.from}-${report.to}`, csv: cashFlowCsv(report) };
}

const PdfQuery = CashFlowCsvQuery.extend({
  download: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: as an attachment (Save as); default: inline, for the browser to show' }),
});

/** The cash-flow statement: JSON, CSV from its `.csv` route, PDF from its `.pdf` route. */
export function registerCashFlowRoutes(
  router: ReturnType<typeof createRouter>,
  { getFileStore }: Pick<ModuleServices, 'getFileStore'>,
) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/cash-flow',
      tags,
      summary:
        'Cash-flow statement over a date range, indirect or direct method, with opening and closing cash and the tie-out to the cash accounts (CSV: /reports/cash-flow.csv)',
      request: { query: CashFlowQuery },
      responses: { 200: { description: 'The cash-flow statement', ...json(CashFlow) } },
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      if (format === 'csv') {
        const { filename, csv: body } = await csv(c.get('db'), query);
        return sendCsv(c, filename, body);
      }
      return reply(c, CashFlow, await cashFlowStatement(c.get('db'), query));
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/cash-flow.csv',
      tags,
      summary: 'Cash-flow statement as CSV',
      request: { query: CashFlowCsvQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const { filename, csv: body } = await csv(c.get('db'), c.req.valid('query'));
      return csvAttachment(c, `${filename}.csv`, body);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/cash-flow.pdf',
      tags,
      summary: 'Cash-flow statement as a PDF (A4, with the letterhead)',
      request: { query: PdfQuery },
      responses: {
        200: {
          description: 'The PDF (A4)',
          content: { 'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
        },
      },
    }),
    async (c) => {
      const { download, ...query } = c.req.valid('query');
      const { cashFlowPdf } = await import('./cash-flow.pdf.js'); // pdf-lib loads on the first PDF
      const file = await cashFlowPdf(c.get('db'), await getFileStore(), query);
      const disposition = contentDisposition(file.fileName);
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/pdf',
        'content-disposition': download === 'true' ? disposition : disposition.replace(/^attachment/, 'inline'),
        'cache-control': 'private, no-store',
      });
    },
  );
}
