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
  CreateEntryBody,
  JournalEntry,
  JournalEntryPage,
  JournalExportQuery,
  JournalListQuery,
  PostEntryBody,
  Posted,
  ReverseBody,
  UpdateEntryBody,
} from './journal.schemas.js';
import * as journal from './journal.service.js';

import { financeListCsv } from '../reports/list-exports.lists.js';
const tags = ['finance'];
/** Journal entries: drafts, posting, reversal, the list and its CSV export. */
export function registerJournalRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/journal-entries',
      tags,
      summary: 'Journal entries, filterable by status, dates, account and source',
      request: { query: JournalListQuery },
      responses: { 200: { description: 'A page of entries', ...json(JournalEntryPage) } },
    }),
    async (c) => reply(c, JournalEntryPage, await journal.listEntries(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/journal-entries/export.csv',
      tags,
      summary: `Journal entries as CSV (one row per entry): the list's filters and sort, at most ${EXPORT_MAX_ROWS.toLocaleString('en')} rows`,
      request: { query: JournalExportQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const query = c.req.valid('query');
      const csv = await financeListCsv(c.get('db'), 'journal-entries', query);
      return csvAttachment(c, 'journal-entries.csv', csv);
    },
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'post',
      path: '/journal-entries',
      tags,
      summary: 'Create a journal entry (draft; or posted at once with "post": true and finance:approve)',
      request: { body: { ...json(CreateEntryBody), required: true } },
      responses: { 201: { description: 'Created', ...json(JournalEntry) } },
    }),
    async (c) => {
      const db = c.get('db');
      const id = await journal.createEntry(db, requestContext(c), c.req.valid('json'));
      setLocation(c, `/journal-entries/${id}`);
      return reply(c, JournalEntry, await journal.getEntry(db, id), 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/journal-entries/{id}',
      tags,
      summary: 'A journal entry with its lines',
      request: { params: IdParam },
      responses: { 200: { description: 'The entry', ...json(JournalEntry) } },
    }),
    async (c) => reply(c, JournalEntry, await journal.getEntry(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'put',
      path: '/journal-entries/{id}',
      tags,
      summary: 'Replace a draft entry',
      request: { params: IdParam, body: { ...json(UpdateEntryBody), required: true } },
      responses: { 200: { description: 'The entry', ...json(JournalEntry) } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await journal.updateDraft(c.get('db'), requestContext(c), id, c.req.valid('json'));
      return reply(c, JournalEntry, await journal.getEntry(c.get('db'), id));
    },
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'delete',
      path: '/journal-entries/{id}',
      tags,
      summary: 'Delete a draft entry',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await journal.deleteDraft(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/journal-entries/{id}/post',
      tags,
      summary: 'Post a draft into the ledger (with the version you read, a stale one is a 409)',
      request: { params: IdParam, body: { ...json(PostEntryBody), required: false } },
      responses: { 200: { description: 'Posted', ...json(Posted) } },
    }),
    async (c) =>
      reply(
        c,
        Posted,
        await journal.postEntry(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')?.version),
      ),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/journal-entries/{id}/reverse',
      tags,
      summary: 'Reverse a posted entry with a linked, posted reversal',
      request: { params: IdParam, body: { ...json(ReverseBody), required: false } },
      responses: { 201: { description: 'The reversal', ...json(Posted) } },
    }),
    async (c) => {
      const posted = await journal.reverseEntry(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json') ?? {},
      );
      setLocation(c, `/journal-entries/${posted.id}`);
      return reply(c, Posted, posted, 201);
    },
  );
}
