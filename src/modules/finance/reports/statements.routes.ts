import { today } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { csvAttachment, csvResponses } from '../../../platform/http/csv-export.js';
import { defineRoute, json, reply, requestContext, z, type createRouter } from '../../../platform/http/router.js';
import { sendCsv } from '../finance.export.js';
import { balanceSheet } from './balance-sheet.js';
import { generalLedger } from './general-ledger.js';
import { startGeneralLedgerExport } from './general-ledger.export.service.js';
import { profitAndLoss } from './profit-and-loss.js';
import { balanceSheetCsv, generalLedgerCsv, profitAndLossCsv } from './statements.csv.js';
import {
  BalanceSheet,
  BalanceSheetCsvQuery,
  BalanceSheetQuery,
  GeneralLedger,
  GeneralLedgerCsvQuery,
  GeneralLedgerQuery,
  ProfitAndLoss,
  ProfitAndLossCsvQuery,
  ProfitAndLossQuery,
} from './statements.schemas.js';

const tags = ['finance reports'];
/** A CSV export of the general ledger is one response: past this many lines, narrow the range. */
export const GL_CSV_MAX_LINES = 100_000;

/**
 * The JSON route declares only application/json (so the typed client gets the report's type); its
 * format=csv still answers CSV. Each report also has a `.csv` route declaring text/csv.
 */
const responses = (schema: z.ZodType, description: string) => ({ 200: { description, ...json(schema) } });

async function glCsv(db: Db, query: { accountId: string; from: string; to: string }) {
  const gl = await generalLedger(db, { ...query, cursor: undefined, limit: GL_CSV_MAX_LINES });
  if (gl.nextCursor)
    throw errors.validation(
      [
        {
          path: 'query.from',
          message: `More than ${GL_CSV_MAX_LINES} lines: narrow the date range, or export in the background.`,
        },
      ],
      `The export is too large for one response (more than ${GL_CSV_MAX_LINES.toLocaleString('en')} lines): start a background export with POST /api/v1/finance/exports/general-ledger (same filters) and download the file from its job, or narrow the date range.`,
    );
  return { filename: `general-ledger-${gl.account.code}-${gl.from}-${gl.to}`, csv: generalLedgerCsv(gl) };
}

async function plCsv(db: Db, query: Parameters<typeof profitAndLoss>[1]) {
  const report = await profitAndLoss(db, query);
  return { filename: `profit-and-loss-${report.from}-${report.to}`, csv: profitAndLossCsv(report) };
}

async function bsCsv(db: Db, date: string | undefined) {
  const report = await balanceSheet(db, date ?? today());
  return { filename: `balance-sheet-${report.date}`, csv: balanceSheetCsv(report) };
}

const ExportStarted = z
  .object({
    jobId: z.uuid(),
    status: z.literal('queued'),
    location: z.string().openapi({ description: 'The job: poll it for progress, then its download link' }),
  })
  .openapi('ExportStarted');

/** General ledger, profit and loss, balance sheet: JSON, and CSV from their `.csv` routes. */
export function registerStatementRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'post',
      path: '/exports/general-ledger',
      tags,
      summary:
        'Export the general ledger of one account as CSV in the background (no line cap): a job; its download link appears on the job when done',
      request: { body: { required: true, ...json(GeneralLedgerCsvQuery) } },
      responses: {
        202: { description: 'Started: the job (Location: /api/v1/jobs/{id})', ...json(ExportStarted) },
        404: { description: 'No such account' },
      },
    }),
    async (c) => {
      const { jobId } = await startGeneralLedgerExport(c.get('db'), requestContext(c), c.req.valid('json'));
      const location = `/api/v1/jobs/${jobId}`;
      c.header('Location', location);
      return c.json(ExportStarted.parse({ jobId, status: 'queued', location }), 202);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/general-ledger',
      tags,
      summary: 'General ledger of one account over a date range (paginated; CSV: /reports/general-ledger.csv)',
      request: { query: GeneralLedgerQuery },
      responses: responses(GeneralLedger, 'Opening balance, lines with running balance, closing balance'),
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      if (format === 'csv') {
        const { filename, csv } = await glCsv(c.get('db'), query);
        return sendCsv(c, filename, csv);
      }
      return reply(c, GeneralLedger, await generalLedger(c.get('db'), query));
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/general-ledger.csv',
      tags,
      summary: `General ledger of one account over a date range as CSV (the whole range, at most ${GL_CSV_MAX_LINES.toLocaleString('en')} lines)`,
      request: { query: GeneralLedgerCsvQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const { filename, csv } = await glCsv(c.get('db'), c.req.valid('query'));
      return csvAttachment(c, `${filename}.csv`, csv);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/profit-and-loss',
      tags,
      summary: 'Profit and loss over a date range, optionally for one department (CSV: /reports/profit-and-loss.csv)',
      request: { query: ProfitAndLossQuery },
      responses: responses(ProfitAndLoss, 'Income and expenses by group, net result'),
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      if (format === 'csv') {
        const { filename, csv } = await plCsv(c.get('db'), query);
        return sendCsv(c, filename, csv);
      }
      return reply(c, ProfitAndLoss, await profitAndLoss(c.get('db'), query));
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/profit-and-loss.csv',
      tags,
      summary: 'Profit and loss as CSV',
      request: { query: ProfitAndLossCsvQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const { filename, csv } = await plCsv(c.get('db'), c.req.valid('query'));
      return csvAttachment(c, `${filename}.csv`, csv);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/balance-sheet',
      tags,
      summary: 'Balance sheet at a date, with the unclosed results as equity lines (CSV: /reports/balance-sheet.csv)',
      request: { query: BalanceSheetQuery },
      responses: responses(BalanceSheet, 'Assets, liabilities and equity'),
    }),
    async (c) => {
      const { format, date } = c.req.valid('query');
      if (format === 'csv') {
        const { filename, csv } = await bsCsv(c.get('db'), date);
        return sendCsv(c, filename, csv);
      }
      return reply(c, BalanceSheet, await balanceSheet(c.get('db'), date ?? today()));
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/balance-sheet.csv',
      tags,
      summary: 'Balance sheet as CSV',
      request: { query: BalanceSheetCsvQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const { filename, csv } = await bsCsv(c.get('db'), c.req.valid('query').date);
      return csvAttachment(c, `${filename}.csv`, csv);
    },
  );
}
