import type { Context } from 'hono';
import { contentDisposition } from '../../../platform/files/file-store.js';
import { defineRoute, json, reply, requestContext, z, type createRouter } from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import type { DocumentKind } from '../documents/documents.tables.js';
import { CompanyProfile, UpdateCompanyProfileBody } from './company-profile.schemas.js';
import * as settings from './company-profile.service.js';
import { DocumentSend, DocumentSendList, SendBody, Statement, StatementQuery } from './printing.schemas.js';
import { TaxReturnQuery } from '../taxes/taxes.schemas.js';
import { documentPdf, statementPdf, taxReturnPdf } from './printing.service.js';
import * as sends from './sends.service.js';
import { getStatement } from './statement.service.js';
import type { ModuleServices } from '../../../platform/modules/module.js';

const tags = ['finance'];
const pdfResponses = {
  200: {
    description: 'The PDF (A4)',
    content: { 'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
  },
};
const KINDS: [DocumentKind, string, string][] = [
  ['invoice', 'invoices', 'invoice'],
  ['credit-note', 'credit-notes', 'credit note'],
  ['bill', 'bills', 'bill'],
  ['vendor-credit', 'vendor-credits', 'vendor credit'],
];

function pdf(c: Context, file: { bytes: Uint8Array; fileName: string }, download: boolean) {
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': 'application/pdf',
    'content-disposition': download
      ? contentDisposition(file.fileName)
      : contentDisposition(file.fileName).replace(/^attachment/, 'inline'),
    'cache-control': 'private, no-store',
  });
}

const DownloadQuery = z.object({
  download: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: as an attachment (Save as); default: inline, for the browser to show' }),
});

/**
 * Documents customers receive: PDFs (rendered synchronously — one document is small), sending them
 * by email (a job renders the PDF and queues the mail), the send log, statements of account, and
 * the company details and texts printed on them.
 */
export function registerPrintingRoutes(
  router: ReturnType<typeof createRouter>,
  { getFileStore }: Pick<ModuleServices, 'getFileStore'>,
) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/document-settings',
      tags,
      summary:
        "Finance's one company profile: legal details, address, bank account and Peppol endpoint (read by the PDFs and UBL e-invoices), logo, and the texts of documents and their emails",
      responses: { 200: { description: 'The company profile', ...json(CompanyProfile) } },
    }),
    async (c) => reply(c, CompanyProfile, await settings.getCompanyProfile(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'patch',
      path: '/document-settings',
      tags,
      summary:
        'Change the company profile (with the version read; absent fields stay, "" clears): details, address, bank, Peppol endpoint (scheme and id together), texts (placeholders from the list only) or the logo',
      request: { body: { ...json(UpdateCompanyProfileBody), required: true } },
      responses: { 200: { description: 'The company profile', ...json(CompanyProfile) } },
    }),
    async (c) =>
      reply(
        c,
        CompanyProfile,
        await settings.updateCompanyProfile(c.get('db'), requestContext(c), c.req.valid('json')),
      ),
  );

  for (const [kind, path, label] of KINDS) {
    router.openapi(
      defineRoute('finance:read', {
        method: 'get',
        path: `/${path}/{id}/pdf`,
        tags,
        summary: `The ${label} as a PDF (drafts and voided ones are marked so)`,
        request: { params: IdParam, query: DownloadQuery },
        responses: pdfResponses,
      }),
      async (c) => {
        const file = await documentPdf(c.get('db'), await getFileStore(), kind, c.req.valid('param').id);
        return pdf(c, file, c.req.valid('query').download === 'true');
      },
    );
    router.openapi(
      defineRoute('finance:write', {
        method: 'post',
        path: `/${path}/{id}/send`,
        tags,
        summary: `Email the issued ${label} with its PDF (a job renders it and queues the mail)`,
        request: { params: IdParam, body: { ...json(SendBody), required: false } },
        responses: { 202: { description: 'Queued: the send log entry', ...json(DocumentSend) } },
      }),
      async (c) => {
        const sent = await sends.sendDocument(
          c.get('db'),
          requestContext(c),
          kind,
          c.req.valid('param').id,
          c.req.valid('json') ?? {},
        );
        return c.json(DocumentSend.parse(sent), 202);
      },
    );
    router.openapi(
      defineRoute('finance:read', {
        method: 'get',
        path: `/${path}/{id}/sends`,
        tags,
        summary: `Who sent the ${label} to whom, when, and whether the mail left`,
        request: { params: IdParam },
        responses: { 200: { description: 'The send log, newest first', ...json(DocumentSendList) } },
      }),
      async (c) => reply(c, DocumentSendList, await sends.documentSends(c.get('db'), kind, c.req.valid('param').id)),
    );
  }

  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/parties/{id}/statement',
      tags,
      summary: 'Statement of account: opening balance, postings with running balance, closing balance, ageing',
      request: { params: IdParam, query: StatementQuery },
      responses: { 200: { description: 'The statement (base currency)', ...json(Statement) } },
    }),
    async (c) => reply(c, Statement, await getStatement(c.get('db'), c.req.valid('param').id, c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/parties/{id}/statement/pdf',
      tags,
      summary: 'Statement of account as a PDF',
      request: { params: IdParam, query: StatementQuery.extend(DownloadQuery.shape) },
      responses: pdfResponses,
    }),
    async (c) => {
      const query = c.req.valid('query');
      const file = await statementPdf(c.get('db'), await getFileStore(), c.req.valid('param').id, query);
      return pdf(c, file, query.download === 'true');
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/tax-return.pdf',
      tags,
      summary: 'The tax return of a period as a PDF (per code, per box, the totals and the tie-out)',
      request: { query: TaxReturnQuery.extend(DownloadQuery.shape) },
      responses: pdfResponses,
    }),
    async (c) => {
      const { from, to, download } = c.req.valid('query');
      return pdf(c, await taxReturnPdf(c.get('db'), await getFileStore(), from, to), download === 'true');
    },
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'post',
      path: '/parties/{id}/statement/send',
      tags,
      summary: 'Email the statement of account for the period with its PDF',
      request: { params: IdParam, query: StatementQuery, body: { ...json(SendBody), required: false } },
      responses: { 202: { description: 'Queued: the send log entry', ...json(DocumentSend) } },
    }),
    async (c) => {
      const sent = await sends.sendStatement(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query'),
        c.req.valid('json') ?? {},
      );
      return c.json(DocumentSend.parse(sent), 202);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/parties/{id}/statement/sends',
      tags,
      summary: 'The statements sent to the party',
      request: { params: IdParam },
      responses: { 200: { description: 'The send log, newest first', ...json(DocumentSendList) } },
    }),
    async (c) => reply(c, DocumentSendList, await sends.statementSends(c.get('db'), c.req.valid('param').id)),
  );
}
