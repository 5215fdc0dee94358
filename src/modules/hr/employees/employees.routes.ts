import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../../platform/http/app-env.js';
import { csvAttachment, csvResponses } from '../../../platform/http/csv-export.js';
import { defineRoute, json, reply, requestContext, setLocation } from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { employeesCsv } from './employees.csv.js';
import {
  CreateEmployeeBody,
  EmployeeCardPage,
  EmployeeExportQuery,
  EmployeeListQuery,
  EmployeeView,
  EmployeeWithCompensation,
  HistoryPage,
  HistoryQuery,
  JobHistoryPage,
  OrgChart,
  OrgChartQuery,
  TerminateEmployeeBody,
  UpdateEmployeeBody,
} from './employees.schemas.js';
import * as service from './employees.service.js';
import { employeeHistory } from './history.service.js';
import { orgChartOf, orgChartRoots } from './org-chart.service.js';
import { terminateEmployee } from './terminate.service.js';

const tags = ['hr'];
const viewDescription =
  'The card (`access: directory`), the full record (`access: full`), and `compensation` only if you may see it';

/** Employees, job history and the org chart. */
export function registerEmployeeRoutes(router: OpenAPIHono<AppEnv>): void {
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/employees',
      tags,
      summary: 'The employee directory (cards only; filters, sort, cursor pagination)',
      request: { query: EmployeeListQuery },
      responses: { 200: { description: 'A page of directory cards', ...json(EmployeeCardPage) } },
    }),
    async (c) => reply(c, EmployeeCardPage, await service.listEmployees(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/employees/export.csv',
      tags,
      summary: 'The directory as CSV (same filters; full-record columns only on rows you see in full)',
      request: { query: EmployeeExportQuery },
      responses: csvResponses,
    }),
    async (c) =>
      csvAttachment(c, 'employees.csv', await employeesCsv(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/employees',
      tags,
      summary: 'Hire: create an employee (records the first job-history entry)',
      request: { body: { ...json(CreateEmployeeBody), required: true } },
      responses: { 201: { description: 'Created', ...json(EmployeeView) } },
    }),
    async (c) => {
      const created = await service.createEmployee(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/employees/${created.id}`);
      return reply(c, EmployeeView, created, 201);
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/me',
      tags,
      summary: 'Your own employee record (full, with compensation); 404 when your user is not linked to one',
      responses: { 200: { description: 'Your employee record', ...json(EmployeeWithCompensation) } },
    }),
    async (c) => reply(c, EmployeeWithCompensation, await service.myEmployee(c.get('db'), requestContext(c))),
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/employees/{id}',
      tags,
      summary: 'One employee, as much as you may see',
      request: { params: IdParam },
      responses: { 200: { description: viewDescription, ...json(EmployeeView) } },
    }),
    async (c) =>
      reply(c, EmployeeView, await service.viewEmployee(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('hr:write', {
      method: 'patch',
      path: '/employees/{id}',
      tags,
      summary:
        'Change an employee (hr:admin: anything; managers: the job placement of their reports; you: your contact details)',
      request: { params: IdParam, body: { ...json(UpdateEmployeeBody), required: true } },
      responses: { 200: { description: viewDescription, ...json(EmployeeView) } },
    }),
    async (c) =>
      reply(
        c,
        EmployeeView,
        await service.updateEmployee(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/employees/{id}/terminate',
      tags,
      summary: 'End an employment (409 listing active reports unless reassignTo is given)',
      request: { params: IdParam, body: { ...json(TerminateEmployeeBody), required: true } },
      responses: { 200: { description: 'The terminated employee', ...json(EmployeeView) } },
    }),
    async (c) =>
      reply(
        c,
        EmployeeView,
        await terminateEmployee(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/employees/{id}/history',
      tags,
      summary: 'Job changes merged with compensation changes (if you may see them), newest first',
      request: { params: IdParam, query: HistoryQuery },
      responses: { 200: { description: 'A page of history entries', ...json(HistoryPage) } },
    }),
    async (c) => {
      const { withPay, body } = await employeeHistory(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query'),
      );
      return withPay ? reply(c, HistoryPage, body) : reply(c, JobHistoryPage, body as z.input<typeof JobHistoryPage>);
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/employees/{id}/org-chart',
      tags,
      summary: 'The reporting tree under an employee (directory fields, nested, depth 1–10, default 3)',
      request: { params: IdParam, query: OrgChartQuery },
      responses: { 200: { description: 'The employee with their reports', ...json(OrgChart) } },
    }),
    async (c) => reply(c, OrgChart, await orgChartOf(c.get('db'), c.req.valid('param').id, c.req.valid('query').depth)),
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/org-chart',
      tags,
      summary: 'The organization from the top: active employees without a manager, with their reports',
      request: { query: OrgChartQuery },
      responses: { 200: { description: 'The tops with their reports', ...json(OrgChart) } },
    }),
    async (c) => reply(c, OrgChart, await orgChartRoots(c.get('db'), c.req.valid('query').depth)),
  );
}
