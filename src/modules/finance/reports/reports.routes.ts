import { z } from '@hono/zod-openapi';
import { defineRoute, json, reply, type createRouter } from '../../../platform/http/router.js';
import { isoDate } from '../ledger/journal.schemas.js';
import { AGING_BUCKETS, aging } from './aging.js';
import { toCsv } from '../../../platform/http/csv.js';
import { trialBalance } from './trial-balance.js';

const tags = ['finance reports'];
const ReportQuery = z.object({
  date: isoDate.optional().openapi({ description: 'Defaults to today' }),
  format: z.enum(['json', 'csv']).default('json'),
});
const TrialBalance = z
  .object({
    date: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({
        accountId: z.string(),
        code: z.string(),
        name: z.string(),
        type: z.string(),
        debit: z.string(),
        credit: z.string(),
        balance: z.string(),
      }),
    ),
    totalDebit: z.string(),
    totalCredit: z.string(),
    balanced: z.boolean(),
  })
  .openapi('TrialBalance');

const bucketAmounts = Object.fromEntries([...AGING_BUCKETS, 'total'].map((b) => [b, z.string()])) as Record<
  (typeof AGING_BUCKETS)[number] | 'total',
  z.ZodString
>;
const Aging = z
  .object({
    side: z.enum(['receivables', 'payables']),
    date: z.string(),
    currency: z.string(),
    rows: z.array(
      z.object({ partyId: z.string(), partyName: z.string(), documents: z.number().int(), ...bucketAmounts }),
    ),
    totals: z.object(bucketAmounts),
  })
  .openapi('Aging');
const AgingQuery = ReportQuery.extend({ side: z.enum(['receivables', 'payables']) });

export function registerReportRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/aging',
      tags,
      summary: 'Receivables or payables aging at a date: current, 1–30, 31–60, 61–90, 90+ days past due',
      request: { query: AgingQuery },
      responses: {
        200: { description: 'The aging', content: { ...json(Aging).content, 'text/csv': { schema: z.string() } } },
      },
    }),
    async (c) => {
      const { date, format, side } = c.req.valid('query');
      const report = await aging(c.get('db'), side, date ?? new Date().toISOString().slice(0, 10));
      if (format === 'csv') {
        const csv = toCsv(
          ['party', 'documents', ...AGING_BUCKETS, 'total'],
          report.rows.map((r) => [r.partyName, r.documents, ...AGING_BUCKETS.map((b) => r[b]), r.total]),
        );
        c.header('Content-Disposition', `attachment; filename="${side}-aging-${report.date}.csv"`);
        return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' }) as never;
      }
      return reply(c, Aging, report);
    },
  );

  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/trial-balance',
      tags,
      summary: 'Trial balance at a date (JSON, or CSV with format=csv)',
      request: { query: ReportQuery },
      responses: {
        200: {
          description: 'The trial balance',
          content: { ...json(TrialBalance).content, 'text/csv': { schema: z.string() } },
        },
      },
    }),
    async (c) => {
      const { date, format } = c.req.valid('query');
      const report = await trialBalance(c.get('db'), date ?? new Date().toISOString().slice(0, 10));
      if (format === 'csv') {
        const csv = toCsv(
          ['code', 'name', 'type', 'debit', 'credit', 'balance'],
          report.rows.map((r) => [r.code, r.name, r.type, r.debit, r.credit, r.balance]),
        );
        c.header('Content-Disposition', `attachment; filename="trial-balance-${report.date}.csv"`);
        return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' }) as never;
      }
      return reply(c, TrialBalance, report);
    },
  );
}
