import { csvAttachment, csvResponses, EXPORT_MAX_ROWS } from '../../../platform/http/csv-export.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import {
  AllocationsBody,
  Document,
  DocumentExportQuery,
  DocumentInput,
  DocumentListQuery,
  DocumentPage,
  IssueBody,
  UpdateDocumentBody,
  VoidBody,
} from './documents.schemas.js';
import * as documents from './documents.service.js';
import type { DocumentKind } from './documents.tables.js';
import { applyCredit, issueDocument, voidDocument } from './issue.service.js';
import { financeListCsv } from '../reports/list-exports.lists.js';
import type { FinanceExportList } from '../reports/list-exports.js';

const tags = ['finance'];
/** The routes of one kind of document under `/<path>`: drafts, issue, void, and (credits) apply. */
export function registerDocumentKindRoutes(
  router: ReturnType<typeof createRouter>,
  kind: DocumentKind,
  path: string,
  label: string,
) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: `/${path}`,
      tags,
      summary: `${label}s, filterable by status, party, dates and overdue`,
      request: { query: DocumentListQuery },
      responses: { 200: { description: `A page of ${label.toLowerCase()}s`, ...json(DocumentPage) } },
    }),
    async (c) => reply(c, DocumentPage, await documents.listDocuments(c.get('db'), kind, c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: `/${path}/export.csv`,
      tags,
      summary: `${label}s as CSV: the list's filters and sort, at most ${EXPORT_MAX_ROWS.toLocaleString('en')} rows`,
      request: { query: DocumentExportQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const query = c.req.valid('query');
      const csv = await financeListCsv(c.get('db'), path as FinanceExportList, query);
      return csvAttachment(c, `${path}.csv`, csv);
    },
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'post',
      path: `/${path}`,
      tags,
      summary: `Create a draft ${label.toLowerCase()} (totals and tax computed by the server)`,
      request: { body: { ...json(DocumentInput), required: true } },
      responses: { 201: { description: 'Created', ...json(Document) } },
    }),
    async (c) => {
      const db = c.get('db');
      const id = await documents.createDraft(db, requestContext(c), kind, c.req.valid('json'));
      setLocation(c, `/${path}/${id}`);
      return reply(c, Document, await documents.getDocument(db, kind, id), 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: `/${path}/{id}`,
      tags,
      summary: `A ${label.toLowerCase()} with its lines, journal entry and allocations`,
      request: { params: IdParam },
      responses: { 200: { description: `The ${label.toLowerCase()}`, ...json(Document) } },
    }),
    async (c) => reply(c, Document, await documents.getDocument(c.get('db'), kind, c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'put',
      path: `/${path}/{id}`,
      tags,
      summary: `Replace a draft ${label.toLowerCase()} (with the version you read)`,
      request: { params: IdParam, body: { ...json(UpdateDocumentBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Document) } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await documents.updateDraft(c.get('db'), requestContext(c), kind, id, c.req.valid('json'));
      return reply(c, Document, await documents.getDocument(c.get('db'), kind, id));
    },
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'delete',
      path: `/${path}/{id}`,
      tags,
      summary: `Delete a draft ${label.toLowerCase()}`,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await documents.deleteDraft(c.get('db'), requestContext(c), kind, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: `/${path}/{id}/issue`,
      tags,
      summary: `Issue a draft ${label.toLowerCase()}: number it and post its journal entry`,
      request: { params: IdParam, body: { ...json(IssueBody), required: false } },
      responses: { 200: { description: 'Issued', ...json(Document) } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await issueDocument(c.get('db'), requestContext(c), kind, id, c.req.valid('json')?.version);
      return reply(c, Document, await documents.getDocument(c.get('db'), kind, id));
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: `/${path}/{id}/void`,
      tags,
      summary: `Void an issued ${label.toLowerCase()} with nothing allocated: its entry is reversed`,
      request: { params: IdParam, body: { ...json(VoidBody), required: false } },
      responses: { 200: { description: 'Voided', ...json(Document) } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await voidDocument(c.get('db'), requestContext(c), kind, id, c.req.valid('json') ?? {});
      return reply(c, Document, await documents.getDocument(c.get('db'), kind, id));
    },
  );
  if (kind === 'credit-note' || kind === 'vendor-credit') {
    router.openapi(
      defineRoute('finance:approve', {
        method: 'post',
        path: `/${path}/{id}/allocations`,
        tags,
        summary: `Apply an issued ${label.toLowerCase()} to open ${kind === 'credit-note' ? 'invoices' : 'bills'}`,
        request: { params: IdParam, body: { ...json(AllocationsBody), required: true } },
        responses: { 200: { description: `The ${label.toLowerCase()}`, ...json(Document) } },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await applyCredit(c.get('db'), requestContext(c), kind, id, c.req.valid('json'));
        return reply(c, Document, await documents.getDocument(c.get('db'), kind, id));
      },
    );
  }
}
