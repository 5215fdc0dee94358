import { z } from '@hono/zod-openapi';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { Document } from '../documents/documents.schemas.js';
import { getDocument } from '../documents/documents.service.js';
import { ImportUblBody, PartyEinvoice, PartyEinvoiceBody } from './einvoice.schemas.js';
import * as einvoice from './einvoice.service.js';
import { exportUbl } from './ubl-export.service.js';
import { importUblBill, xmlOfImport } from './ubl-import.service.js';
import type { ModuleServices } from '../../../platform/modules/module.js';

const tags = ['finance'];
const xmlResponse = {
  200: {
    description: 'UBL 2.1 XML (Peppol BIS Billing 3.0)',
    content: { 'application/xml': { schema: z.string() } },
  },
};

/** E-invoicing (issue #22): UBL 2.1 / Peppol BIS Billing 3.0 out of invoices and credit notes, into bills. */
export function registerEinvoiceRoutes(
  router: ReturnType<typeof createRouter>,
  { getFileStore }: Pick<ModuleServices, 'getFileStore'>,
) {
  for (const [kind, path, label] of [
    ['invoice', 'invoices', 'an issued invoice as a UBL Invoice'],
    ['credit-note', 'credit-notes', 'an issued credit note as a UBL CreditNote'],
  ] as const) {
    router.openapi(
      defineRoute('finance:read', {
        method: 'get',
        path: `/${path}/{id}/ubl`,
        tags,
        summary: `E-invoice: ${label} (UBL 2.1, Peppol BIS Billing 3.0)`,
        request: { params: IdParam },
        responses: xmlResponse,
      }),
      async (c) => {
        const { fileName, xml } = await exportUbl(c.get('db'), kind, c.req.valid('param').id);
        return c.body(xml, 200, {
          'content-type': 'application/xml; charset=utf-8',
          'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
        });
      },
    );
  }
  router.openapi(
    defineRoute('finance:write', {
      method: 'post',
      path: '/bills/import-ubl',
      tags,
      summary:
        "Import a supplier's UBL 2.1 invoice (XML text, or a file in the e-invoice inbox) as a draft bill: supplier by VAT id or endpoint, lines and tax categories mapped to purchase tax codes",
      request: { body: { ...json(ImportUblBody), required: true } },
      responses: { 201: { description: 'The draft bill', ...json(Document) } },
    }),
    async (c) => {
      const db = c.get('db');
      const input = c.req.valid('json');
      const xml = await xmlOfImport(db, input, getFileStore);
      const id = await importUblBill(db, requestContext(c), { ...input, xml });
      setLocation(c, `/bills/${id}`);
      return reply(c, Document, await getDocument(db, 'bill', id), 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/parties/{id}/e-invoicing',
      tags,
      summary: "A party's e-invoicing details: Peppol endpoint, address and country, VAT id (its taxId)",
      request: { params: IdParam },
      responses: { 200: { description: 'The details', ...json(PartyEinvoice) } },
    }),
    async (c) => reply(c, PartyEinvoice, await einvoice.getPartyEinvoice(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'put',
      path: '/parties/{id}/e-invoicing',
      tags,
      summary: "Set a party's Peppol endpoint and address (with the party's version)",
      request: { params: IdParam, body: { ...json(PartyEinvoiceBody), required: true } },
      responses: { 200: { description: 'Set', ...json(PartyEinvoice) } },
    }),
    async (c) =>
      reply(
        c,
        PartyEinvoice,
        await einvoice.setPartyEinvoice(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
}
