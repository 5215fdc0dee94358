import type { Db } from '../../../platform/db/database.js';
import { csvAttachment, csvResponses } from '../../../platform/http/csv-export.js';
import { toCsv } from '../../../platform/http/csv.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { DeleteQuery } from '../../../platform/http/schemas.js';
import { sendCsv } from '../finance.export.js';
import { YearParam } from '../ledger/periods.schemas.js';
import { budgetVsActual } from './budget-vs-actual.js';
import {
  Budget,
  BudgetList,
  BudgetVsActual,
  BudgetVsActualCsvQuery,
  BudgetVsActualQuery,
  PutBudgetBody,
} from './budgets.schemas.js';
import * as budgets from './budgets.service.js';

const tags = ['finance budgets'];

async function budgetVsActualCsv(db: Db, query: { from: string; to: string; department?: string | undefined }) {
  const report = await budgetVsActual(db, query);
  const csv = toCsv(
    ['code', 'name', 'type', 'budget', 'actual', 'variance', 'variance_percent'],
    report.rows.map((r) => [r.code, r.name, r.type, r.budget, r.actual, r.variance, r.variancePercent]),
  );
  return { filename: `budget-vs-actual-${report.from}-${report.to}`, csv };
}

/** Budgets (one per fiscal year, rows of twelve monthly amounts) and budget-vs-actual. */
export function registerBudgetRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/budgets',
      tags,
      summary: 'The years that have a budget',
      responses: { 200: { description: 'Budgets, newest year first', ...json(BudgetList) } },
    }),
    async (c) => reply(c, BudgetList, await budgets.listBudgets(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/budgets/{year}',
      tags,
      summary: 'A year’s budget: per account and department, twelve monthly amounts',
      request: { params: YearParam },
      responses: { 200: { description: 'The budget', ...json(Budget) } },
    }),
    async (c) => reply(c, Budget, await budgets.getBudget(c.get('db'), c.req.valid('param').year)),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'put',
      path: '/budgets/{year}',
      tags,
      summary: 'Create a year’s budget, or upsert (or with replace=true, replace) its rows',
      request: { params: YearParam, body: { ...json(PutBudgetBody), required: true } },
      responses: {
        200: { description: 'Updated', ...json(Budget) },
        201: { description: 'Created', ...json(Budget) },
        409: { description: 'Stale or missing version' },
      },
    }),
    async (c) => {
      const { year } = c.req.valid('param');
      const result = await budgets.putBudget(c.get('db'), requestContext(c), year, c.req.valid('json'));
      if (result.created) {
        setLocation(c, `/budgets/${year}`);
        return reply(c, Budget, result.budget, 201);
      }
      return reply(c, Budget, result.budget, 200);
    },
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'delete',
      path: '/budgets/{year}',
      tags,
      summary: 'Delete a year’s budget (with the version last read)',
      request: { params: YearParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await budgets.deleteBudget(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').year,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/budget-vs-actual',
      tags: ['finance reports'],
      summary: 'Budget against actual per account for a range of fiscal periods (CSV: /reports/budget-vs-actual.csv)',
      request: { query: BudgetVsActualQuery },
      responses: { 200: { description: 'Per account: budget, actual, variance', ...json(BudgetVsActual) } },
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      if (format === 'csv') {
        const { filename, csv } = await budgetVsActualCsv(c.get('db'), query);
        return sendCsv(c, filename, csv);
      }
      return reply(c, BudgetVsActual, await budgetVsActual(c.get('db'), query));
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/budget-vs-actual.csv',
      tags: ['finance reports'],
      summary: 'Budget against actual as CSV',
      request: { query: BudgetVsActualCsvQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const { filename, csv } = await budgetVsActualCsv(c.get('db'), c.req.valid('query'));
      return csvAttachment(c, `${filename}.csv`, csv);
    },
  );
}
