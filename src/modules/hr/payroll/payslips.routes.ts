import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/app-env.js';
import { defineRoute, json, reply, requestContext, z, type createRouter } from '../../../platform/http/router.js';
import { IdParam, formatQuery } from './payroll.shared.js';
import { EmployeePayslipQuery, Payslip, PayslipPage, RunPayslipQuery } from './payslips.schemas.js';
import * as payslips from './payslips.service.js';

const tags = ['hr'];
const csvOr = <T>(schema: T, description: string) => ({
  200: { description, content: { ...json(schema).content, 'text/csv': { schema: z.string() } } },
});

function sendCsv(c: Context<AppEnv>, body: string, filename: string) {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
  }) as never;
}

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
      const page = await payslips.listRunPayslips(c.get('db'), requestContext(c), id, query);
      if (query.format === 'csv') return sendCsv(c, payslips.summariesCsv(page.items), `payroll-run-${id}.csv`);
      return reply(c, PayslipPage, page);
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
      const page = await payslips.listEmployeePayslips(c.get('db'), requestContext(c), id, query);
      if (query.format === 'csv') return sendCsv(c, payslips.summariesCsv(page.items), `payslips-${id}.csv`);
      return reply(c, PayslipPage, page);
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/payslips/{id}',
      tags,
      summary: 'One payslip with its lines (404 unless you may see it); CSV with format=csv',
      request: { params: IdParam, query: formatQuery },
      responses: csvOr(Payslip, 'The payslip'),
    }),
    async (c) => {
      const slip = await payslips.getPayslip(c.get('db'), requestContext(c), c.req.valid('param').id);
      if (c.req.valid('query').format === 'csv')
        return sendCsv(c, payslips.payslipCsv(slip), `payslip-${slip.employeeNumber}-${slip.periodStart}.csv`);
      return reply(c, Payslip, slip);
    },
  );
}
