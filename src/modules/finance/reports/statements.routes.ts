import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import type { AppEnv } from '../../../platform/http/app-env.js';
import { defineRoute, json, reply, type createRouter } from '../../../platform/http/router.js';
import { errors } from '../../../platform/errors/app-error.js';
import { balanceSheet } from './balance-sheet.js';
import { generalLedger } from './general-ledger.js';
import { profitAndLoss } from './profit-and-loss.js';
import { balanceSheetCsv, generalLedgerCsv, profitAndLossCsv } from './statements.csv.js';
import {
  BalanceSheet,
  BalanceSheetQuery,
  GeneralLedger,
  GeneralLedgerQuery,
  ProfitAndLoss,
  ProfitAndLossQuery,
  csvContent,
} from './statements.schemas.js';

const tags = ['finance reports'];
/** A CSV export of the general ledger is one response: past this many lines, narrow the range. */
export const GL_CSV_MAX_LINES = 100_000;

/** Sends a report as a CSV download (typed as the route's JSON response, like the trial balance). */
export function sendCsv(c: Context<AppEnv>, filename: string, csv: string): never {
  c.header('Content-Disposition', `attachment; filename="${filename}.csv"`);
  return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' }) as never;
}

const responses = (schema: z.ZodType, description: string) => ({
  200: { description, content: { ...json(schema).content, ...csvContent } },
});

/** General ledger, profit and loss, balance sheet (JSON, or CSV with format=csv). */
export function registerStatementRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/general-ledger',
      tags,
      summary: 'General ledger of one account over a date range (paginated; CSV is the whole range)',
      request: { query: GeneralLedgerQuery },
      responses: responses(GeneralLedger, 'Opening balance, lines with running balance, closing balance'),
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      if (format === 'csv') {
        const gl = await generalLedger(c.get('db'), { ...query, cursor: undefined, limit: GL_CSV_MAX_LINES });
        if (gl.nextCursor)
          throw errors.validation(
            [{ path: 'query.from', message: `More than ${GL_CSV_MAX_LINES} lines: narrow the date range.` }],
            'The export is too large.',
          );
        return sendCsv(c, `general-ledger-${gl.account.code}-${gl.from}-${gl.to}`, generalLedgerCsv(gl));
      }
      return reply(c, GeneralLedger, await generalLedger(c.get('db'), query));
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/profit-and-loss',
      tags,
      summary: 'Profit and loss over a date range, optionally for one department',
      request: { query: ProfitAndLossQuery },
      responses: responses(ProfitAndLoss, 'Income and expenses by group, net result'),
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      const report = await profitAndLoss(c.get('db'), query);
      if (format === 'csv') return sendCsv(c, `profit-and-loss-${report.from}-${report.to}`, profitAndLossCsv(report));
      return reply(c, ProfitAndLoss, report);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/balance-sheet',
      tags,
      summary: 'Balance sheet at a date, with the unclosed results as equity lines',
      request: { query: BalanceSheetQuery },
      responses: responses(BalanceSheet, 'Assets, liabilities and equity'),
    }),
    async (c) => {
      const { format, date } = c.req.valid('query');
      const report = await balanceSheet(c.get('db'), date ?? new Date().toISOString().slice(0, 10));
      if (format === 'csv') return sendCsv(c, `balance-sheet-${report.date}`, balanceSheetCsv(report));
      return reply(c, BalanceSheet, report);
    },
  );
}
