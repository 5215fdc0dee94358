import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { approveRun } from './approve.service.js';
import {
  ApproveBody,
  CancelBody,
  CreateRunBody,
  PayrollRun,
  PayrollRunPage,
  PayrollSettings,
  ReviewBody,
  RunListQuery,
  VersionBody,
} from './runs.schemas.js';
import * as runs from './runs.service.js';

const tags = ['hr'];
const done = { 200: { description: 'The run', ...json(PayrollRun) } };

/** Payroll runs: create → calculate → review → approve (posts to Finance), or cancel. */
export function registerRunRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/payroll/runs',
      tags,
      summary: 'List payroll runs (hr:admin or hr:compensation; totals for hr:admin only)',
      request: { query: RunListQuery },
      responses: { 200: { description: 'A page of runs', ...json(PayrollRunPage) } },
    }),
    async (c) => reply(c, PayrollRunPage, await runs.listRuns(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/payroll/settings',
      tags,
      summary: "Payroll settings (hr:admin or hr:compensation): Finance's base currency",
      responses: { 200: { description: 'The settings', ...json(PayrollSettings) } },
    }),
    async (c) => reply(c, PayrollSettings, await runs.payrollSettings(c.get('db'), requestContext(c))),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/payroll/runs',
      tags,
      summary: 'Create a draft run for a period, currency and pay frequency (409 if it overlaps another)',
      request: { body: { ...json(CreateRunBody), required: true } },
      responses: { 201: { description: 'Created', ...json(PayrollRun) } },
    }),
    async (c) => {
      const created = await runs.createRun(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/payroll/runs/${created.id}`);
      return reply(c, PayrollRun, created, 201);
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/payroll/runs/{id}',
      tags,
      summary: 'Get a payroll run (hr:admin sees totals and who was left out, and why)',
      request: { params: IdParam },
      responses: done,
    }),
    async (c) => reply(c, PayrollRun, await runs.getRun(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/payroll/runs/{id}/calculate',
      tags,
      summary: 'Calculate (or recalculate) every payslip of a draft or calculated run',
      request: { params: IdParam, body: { ...json(VersionBody), required: true } },
      responses: done,
    }),
    async (c) =>
      reply(
        c,
        PayrollRun,
        await runs.calculateRun(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/payroll/runs/{id}/review',
      tags,
      summary: 'Mark a calculated run as reviewed (422 if it pays nothing or a net pay is negative)',
      request: { params: IdParam, body: { ...json(ReviewBody), required: true } },
      responses: done,
    }),
    async (c) =>
      reply(
        c,
        PayrollRun,
        await runs.reviewRun(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/payroll/runs/{id}/approve',
      tags,
      summary:
        'Approve a reviewed run: payslips become final and one balanced journal entry is posted to Finance, all or nothing',
      request: { params: IdParam, body: { ...json(ApproveBody), required: true } },
      responses: done,
    }),
    async (c) =>
      reply(
        c,
        PayrollRun,
        await approveRun(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/payroll/runs/{id}/cancel',
      tags,
      summary: 'Cancel a run before approval (its draft payslips are removed)',
      request: { params: IdParam, body: { ...json(CancelBody), required: true } },
      responses: done,
    }),
    async (c) =>
      reply(
        c,
        PayrollRun,
        await runs.cancelRun(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
}
