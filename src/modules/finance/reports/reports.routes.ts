import { today } from '../../../platform/dates.js';
import type { Db } from '../../../platform/db/database.js';
import { csvAttachment, csvResponses } from '../../../platform/http/csv-export.js';
import { toCsv } from '../../../platform/http/csv.js';
import { defineRoute, json, reply, type createRouter } from '../../../platform/http/router.js';
import { sendCsv } from '../finance.export.js';
import { AGING_BUCKETS, aging } from './aging.js';
import {
  Aging,
  AgingCsvQuery,
  AgingQuery,
  ReportQuery,
  TieOut,
  TieOutQuery,
  TrialBalance,
  TrialBalanceCsvQuery,
} from './reports.schemas.js';
import { tieOut } from './tie-out.js';
import { trialBalance } from './trial-balance.js';

const tags = ['finance reports'];

async function agingCsv(db: Db, side: 'receivables' | 'payables', date: string | undefined) {
  const report = await aging(db, side, date ?? today());
  const csv = toCsv(
    ['party', 'documents', ...AGING_BUCKETS, 'total'],
    report.rows.map((r) => [r.partyName, r.documents, ...AGING_BUCKETS.map((b) => r[b]), r.total]),
  );
  return { filename: `${side}-aging-${report.date}`, csv };
}

async function trialBalanceCsv(db: Db, date: string | undefined) {
  const report = await trialBalance(db, date ?? today());
  const csv = toCsv(
    ['code', 'name', 'type', 'debit', 'credit', 'balance'],
    report.rows.map((r) => [r.code, r.name, r.type, r.debit, r.credit, r.balance]),
  );
  return { filename: `trial-balance-${report.date}`, csv };
}

export function registerReportRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/aging',
      tags,
      summary:
        'Receivables or payables aging at a date: current, 1–30, 31–60, 61–90, 90+ days past due (CSV: /reports/aging.csv)',
      request: { query: AgingQuery },
      responses: { 200: { description: 'The aging', ...json(Aging) } },
    }),
    async (c) => {
      const { date, format, side } = c.req.valid('query');
      if (format === 'csv') {
        const { filename, csv } = await agingCsv(c.get('db'), side, date);
        return sendCsv(c, filename, csv);
      }
      return reply(c, Aging, await aging(c.get('db'), side, date ?? today()));
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/aging.csv',
      tags,
      summary: 'The aging as CSV',
      request: { query: AgingCsvQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const { date, side } = c.req.valid('query');
      const { filename, csv } = await agingCsv(c.get('db'), side, date);
      return csvAttachment(c, `${filename}.csv`, csv);
    },
  );

  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/trial-balance',
      tags,
      summary: 'Trial balance at a date (CSV: /reports/trial-balance.csv)',
      request: { query: ReportQuery },
      responses: { 200: { description: 'The trial balance', ...json(TrialBalance) } },
    }),
    async (c) => {
      const { date, format } = c.req.valid('query');
      if (format === 'csv') {
        const { filename, csv } = await trialBalanceCsv(c.get('db'), date);
        return sendCsv(c, filename, csv);
      }
      return reply(c, TrialBalance, await trialBalance(c.get('db'), date ?? today()));
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/trial-balance.csv',
      tags,
      summary: 'Trial balance at a date, as CSV',
      request: { query: TrialBalanceCsvQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const { filename, csv } = await trialBalanceCsv(c.get('db'), c.req.valid('query').date);
      return csvAttachment(c, `${filename}.csv`, csv);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/tie-out',
      tags,
      summary:
        'Receivables and payables aging totals beside their control accounts at a date, with the difference (always zero)',
      request: { query: TieOutQuery },
      responses: { 200: { description: 'The tie-out', ...json(TieOut) } },
    }),
    async (c) => reply(c, TieOut, await tieOut(c.get('db'), c.req.valid('query').date ?? today())),
  );
}
