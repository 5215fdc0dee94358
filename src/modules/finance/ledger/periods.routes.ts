import { defineRoute, json, reply, requestContext, type createRouter } from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { CreateYearBody, FiscalYears, PeriodStatus, YearClosed, YearParam } from './periods.schemas.js';
import * as periods from './periods.service.js';

const tags = ['finance'];

/** Fiscal years and their periods: open, close, reopen. */
export function registerPeriodRoutes(router: ReturnType<typeof createRouter>) {
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
    defineRoute('finance:admin', {
      method: 'post',
      path: '/fiscal-years',
      tags,
      summary: 'Set up a fiscal year with its own dates (a short or long first year, or a change of rhythm)',
      request: { body: { ...json(CreateYearBody), required: true } },
      responses: { 201: { description: 'Created', ...json(FiscalYears) } },
    }),
    async (c) => {
      await periods.createYear(c.get('db'), requestContext(c), c.req.valid('json'));
      return reply(c, FiscalYears, await periods.listYears(c.get('db')), 201);
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/fiscal-years/{year}/open',
      tags,
      summary: 'Open a fiscal year (named by the calendar year it ends in) and its periods; posting opens it too',
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
        request: { params: IdParam },
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
}
