import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { Document } from './documents.schemas.js';
import { getDocument } from './documents.service.js';
import {
  ImportOpenItemsBody,
  ImportOpenItemsResult,
  OpeningBalanceBody,
  OpeningBalanceListQuery,
  OpeningBalancePage,
} from './opening-balances.schemas.js';
import * as openingBalances from './opening-balances.service.js';

const tags = ['finance'];
const PATHS = { invoice: 'invoices', bill: 'bills', 'credit-note': 'credit-notes', 'vendor-credit': 'vendor-credits' };

/** Opening balances per party: open items when a company moves in, and their CSV import (issue #21). */
export function registerOpeningBalanceRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/opening-balances',
      tags,
      summary: 'Opening-balance documents (open items of customers and vendors when the books started)',
      request: { query: OpeningBalanceListQuery },
      responses: { 200: { description: 'A page of opening-balance documents', ...json(OpeningBalancePage) } },
    }),
    async (c) =>
      reply(c, OpeningBalancePage, await openingBalances.listOpeningBalances(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/opening-balances',
      tags,
      summary:
        "Record a party's opening balance: an issued document against the opening-balance equity account; send an Idempotency-Key",
      request: { body: { ...json(OpeningBalanceBody), required: true } },
      responses: { 201: { description: "Recorded (the document, at its own kind's path)", ...json(Document) } },
    }),
    async (c) => {
      const db = c.get('db');
      const input = c.req.valid('json');
      const id = await openingBalances.createOpeningBalance(db, requestContext(c), input);
      setLocation(c, `/${PATHS[input.kind]}/${id}`);
      return reply(c, Document, await getDocument(db, input.kind, id), 201);
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/opening-balances/import',
      tags,
      summary:
        'Import open items (opening balances per party) from CSV: every row checked, all written in one transaction or none (422 listing row errors)',
      request: { body: { ...json(ImportOpenItemsBody), required: true } },
      responses: { 200: { description: 'What was (or would be) imported', ...json(ImportOpenItemsResult) } },
    }),
    async (c) =>
      reply(
        c,
        ImportOpenItemsResult,
        await openingBalances.importOpenItems(c.get('db'), requestContext(c), c.req.valid('json')),
      ),
  );
}
