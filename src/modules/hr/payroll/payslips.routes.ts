import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/app-env.js';
import { csvAttachment, csvResponses } from '../../../platform/http/csv-export.js';
import { defineRoute, json, reply, requestContext, type createRouter } from '../../../platform/http/router.js';
import { FormatQuery, IdParam } from '../../../platform/http/schemas.js';
import { EmployeePayslipQuery, Payslip, PayslipPage, RunPayslipQuery } from './payslips.schemas.js';
import { payslipCsv } from './payslips.csv.js';
import * as payslips from './payslips.service.js';

const tags = ['hr'];
const csvOr = <T>(schema: T, description: string) => ({
  200: { description, content: { ...json(schema).content, ...csvResponses[200].content } },
});
/** The CSV answer of a route that answers JSON or CSV. */
const sendCsv = (c: Context<AppEnv>, filename: string, body: string) => csvAttachment(c, filename, body) as never;

/** Payslips, JSON or CSV (?format=csv). Who sees which: README.md. */
export function registerPayslipRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/payroll/runs/{id}/payslips',
      tags,
      summary: "A run's payslips (hr:admin: all; hr:compensation: employees you see in full); CSV with format=csv",
      request: { params: IdParam, query: RunPayslipQuery },
      responses: csvOr(PayslipPage, 'A page of payslips (CSV: all of them)'),
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const query = c.req.valid('query');
      if (query.format === 'csv')
        return sendCsv(
          c,
          `payroll-run-${id}.csv`,
          await payslips.runPayslipsCsv(c.get('db'), requestContext(c), id, query),
        );
      return reply(c, PayslipPage, await payslips.listRunPayslips(c.get('db'), requestContext(c), id, query));
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/employees/{id}/payslips',
      tags,
      summary: "An employee's payslips, newest first (yourself: approved ones; else 404 unless you may see their pay)",
      request: { params: IdParam, query: EmployeePayslipQuery },
      responses: csvOr(PayslipPage, 'A page of payslips (CSV: all of them)'),
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const query = c.req.valid('query');
      if (query.format === 'csv')
        return sendCsv(
          c,
          `payslips-${id}.csv`,
          await payslips.employeePayslipsCsv(c.get('db'), requestContext(c), id, query),
        );
      return reply(c, PayslipPage, await payslips.listEmployeePayslips(c.get('db'), requestContext(c), id, query));
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/payslips/{id}',
      tags,
      summary: 'One payslip with its lines (404 unless you may see it); CSV with format=csv',
      request: { params: IdParam, query: FormatQuery },
      responses: csvOr(Payslip, 'The payslip'),
    }),
    async (c) => {
      const slip = await payslips.getPayslip(c.get('db'), requestContext(c), c.req.valid('param').id);
      if (c.req.valid('query').format === 'csv')
        return sendCsv(c, `payslip-${slip.employeeNumber}-${slip.periodStart}.csv`, payslipCsv(slip));
      return reply(c, Payslip, slip);
    },
  );
}
