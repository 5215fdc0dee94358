import { z } from '@hono/zod-openapi';
import { defineRoute, json, reply, requestContext, type createRouter } from '../../../platform/http/router.js';
import { versionField } from '../../../platform/http/versioning.js';
import { hasPermission } from '../../../platform/auth/actor.js';
import { errors } from '../../../platform/errors/app-error.js';
import { currencyCode } from '../money.js';
import {
  Account,
  AccountIdParam,
  AccountList,
  AccountListQuery,
  CreateAccountBody,
  UpdateAccountBody,
  VersionBody,
} from './accounts.schemas.js';
import * as accounts from './accounts.service.js';
import {
  CreateEntryBody,
  EntryIdParam,
  JournalEntry,
  JournalEntryPage,
  JournalListQuery,
  PostEntryBody,
  ReverseBody,
  UpdateEntryBody,
} from './journal.schemas.js';
import * as journal from './journal.service.js';
import { csvAttachment, csvResponses, exportCsv, EXPORT_MAX_ROWS, EXPORT_OMIT } from '../finance.export.js';
import * as periods from './periods.service.js';
import * as settings from './settings.service.js';

const tags = ['finance'];
const Settings = z.object({ baseCurrency: z.string(), version: z.number().int() }).openapi('FinanceSettings');
const Period = z.object({
  id: z.string(),
  period: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(['open', 'closed']),
  version: z.number().int(),
});
const FiscalYears = z
  .object({
    items: z.array(
      z.object({
        year: z.number().int(),
        startDate: z.string(),
        endDate: z.string(),
        status: z.enum(['open', 'closed']),
        closingEntryId: z.string().nullable(),
        periods: z.array(Period),
      }),
    ),
  })
  .openapi('FiscalYears');
const YearParam = z.object({ year: z.coerce.number().int().min(1900).max(9999) });
const PeriodIdParam = z.object({ id: z.uuid() });
const PeriodStatus = z.object({ id: z.string(), status: z.enum(['open', 'closed']) });
const YearClosed = z.object({
  year: z.number().int(),
  status: z.literal('closed'),
  closingEntryId: z.string().nullable(),
  result: z.string(),
});
const JournalExportQuery = JournalListQuery.omit(EXPORT_OMIT);
const JOURNAL_CSV_HEADER = [
  'number',
  'date',
  'status',
  'reference',
  'memo',
  'currency',
  'exchange_rate',
  'total_debit',
  'total_credit',
  'source_type',
  'source_id',
  'reverses_entry_id',
  'reversed_by_entry_id',
  'posted_at',
  'id',
  'created_at',
];
const Posted = z.object({ id: z.string(), number: z.string() }).openapi('PostedEntry');

export function registerLedgerRoutes(router: ReturnType<typeof createRouter>) {
  // ---- settings -------------------------------------------------------------------------------
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/settings',
      tags,
      summary: 'Ledger settings',
      responses: { 200: { description: 'Settings', ...json(Settings) } },
    }),
    async (c) => reply(c, Settings, await settings.getSettings(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'patch',
      path: '/settings',
      tags,
      summary: 'Change the base currency (only before the first entry)',
      request: {
        body: { ...json(z.strictObject({ version: versionField, baseCurrency: currencyCode })), required: true },
      },
      responses: { 200: { description: 'Settings', ...json(Settings) } },
    }),
    async (c) => reply(c, Settings, await settings.updateSettings(c.get('db'), requestContext(c), c.req.valid('json'))),
  );

  // ---- chart of accounts -----------------------------------------------------------------------
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/accounts',
      tags,
      summary: 'The chart of accounts (a default chart is created on first use)',
      request: { query: AccountListQuery },
      responses: { 200: { description: 'Accounts in code order', ...json(AccountList) } },
    }),
    async (c) => reply(c, AccountList, await accounts.listAccounts(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/accounts',
      tags,
      summary: 'Add an account',
      request: { body: { ...json(CreateAccountBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Account) } },
    }),
    async (c) => {
      const created = await accounts.createAccount(c.get('db'), requestContext(c), c.req.valid('json'));
      c.header('Location', `/api/v1/finance/accounts/${created.id}`);
      return reply(c, Account, created, 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/accounts/{id}',
      tags,
      summary: 'Get an account',
      request: { params: AccountIdParam },
      responses: { 200: { description: 'The account', ...json(Account) } },
    }),
    async (c) => reply(c, Account, await accounts.getAccount(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'patch',
      path: '/accounts/{id}',
      tags,
      summary: 'Change an account’s code, name, parent or description',
      request: { params: AccountIdParam, body: { ...json(UpdateAccountBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Account) } },
    }),
    async (c) =>
      reply(
        c,
        Account,
        await accounts.updateAccount(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    router.openapi(
      defineRoute('finance:admin', {
        method: 'post',
        path: `/accounts/{id}/${action}`,
        tags,
        summary: active ? 'Reactivate an account' : 'Deactivate an account (no new postings; history stays)',
        request: { params: AccountIdParam, body: { ...json(VersionBody), required: true } },
        responses: { 200: { description: 'The account', ...json(Account) } },
      }),
      async (c) =>
        reply(
          c,
          Account,
          await accounts.setAccountActive(
            c.get('db'),
            requestContext(c),
            c.req.valid('param').id,
            active,
            c.req.valid('json').version,
          ),
        ),
    );
  }
  router.openapi(
    defineRoute('finance:admin', {
      method: 'delete',
      path: '/accounts/{id}',
      tags,
      summary: 'Delete an account that has never been used',
      request: { params: AccountIdParam },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await accounts.deleteAccount(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  // ---- fiscal years and periods ----------------------------------------------------------------
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/fiscal-years',
      tags,
      summary: 'Fiscal years and their periods',
      responses: { 200: { description: 'Years', ...json(FiscalYears) } },
    }),
    async (c) => reply(c, FiscalYears, await periods.listYears(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/fiscal-years/{year}/open',
      tags,
      summary: 'Open a fiscal year (its twelve periods); posting opens it too',
      request: { params: YearParam },
      responses: { 204: { description: 'Open' } },
    }),
    async (c) => {
      await periods.openYear(c.get('db'), requestContext(c), c.req.valid('param').year);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/fiscal-years/{year}/close',
      tags,
      summary: 'Close a year: move its result to retained earnings and close every period',
      request: { params: YearParam },
      responses: { 200: { description: 'Closed', ...json(YearClosed) } },
    }),
    async (c) =>
      reply(c, YearClosed, await periods.closeYear(c.get('db'), requestContext(c), c.req.valid('param').year)),
  );
  for (const [action, status] of [
    ['close', 'closed'],
    ['reopen', 'open'],
  ] as const) {
    router.openapi(
      defineRoute(status === 'open' ? 'finance:admin' : 'finance:approve', {
        method: 'post',
        path: `/periods/{id}/${action}`,
        tags,
        summary: status === 'closed' ? 'Close a period: nothing more can be posted into it' : 'Reopen a closed period',
        request: { params: PeriodIdParam },
        responses: { 200: { description: 'The period', ...json(PeriodStatus) } },
      }),
      async (c) =>
        reply(
          c,
          PeriodStatus,
          await periods.setPeriodStatus(c.get('db'), requestContext(c), c.req.valid('param').id, status),
        ),
    );
  }

  // ---- journal entries -------------------------------------------------------------------------
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
      const csv = await exportCsv(
        (page) => journal.listEntries(c.get('db'), { ...query, ...page }),
        JOURNAL_CSV_HEADER,
        (e) => [
          e.number,
          e.date,
          e.status,
          e.reference,
          e.memo,
          e.currency,
          e.exchangeRate,
          e.totalDebit,
          e.totalCredit,
          e.sourceType,
          e.sourceId,
          e.reversesEntryId,
          e.reversedByEntryId,
          e.postedAt,
          e.id,
          e.createdAt,
        ],
      );
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
      const { post, ...input } = c.req.valid('json');
      const ctx = requestContext(c);
      if (post && !hasPermission(ctx.actor!, 'finance:approve')) throw errors.forbidden('finance:approve');
      const db = c.get('db');
      const id = post
        ? (await journal.postJournalEntry(db, ctx, input, { sourceType: 'manual' })).id
        : await journal.createDraft(db, ctx, input);
      c.header('Location', `/api/v1/finance/journal-entries/${id}`);
      return reply(c, JournalEntry, await journal.getEntry(db, id), 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/journal-entries/{id}',
      tags,
      summary: 'A journal entry with its lines',
      request: { params: EntryIdParam },
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
      request: { params: EntryIdParam, body: { ...json(UpdateEntryBody), required: true } },
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
      request: { params: EntryIdParam },
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
      request: { params: EntryIdParam, body: { ...json(PostEntryBody), required: false } },
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
      request: { params: EntryIdParam, body: { ...json(ReverseBody), required: false } },
      responses: { 201: { description: 'The reversal', ...json(Posted) } },
    }),
    async (c) => {
      const posted = await journal.reverseEntry(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json') ?? {},
      );
      c.header('Location', `/api/v1/finance/journal-entries/${posted.id}`);
      return reply(c, Posted, posted, 201);
    },
  );
}
