import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import {
  Compensation,
  CompensationListQuery,
  CompensationPage,
  CreateCompensationBody,
} from './compensation.schemas.js';
import * as compensation from './compensation.service.js';
import {
  ComponentListQuery,
  CreateComponentBody,
  PayComponent,
  PayComponentPage,
  UpdateComponentBody,
} from './components.schemas.js';
import * as components from './components.service.js';

const tags = ['hr'];

/** Salary history and recurring pay components of an employee. */
export function registerCompensationRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/employees/{id}/compensation',
      tags,
      summary:
        'Salary history, newest first (yourself; hr:admin; hr:compensation for employees you see in full; else 404)',
      request: { params: IdParam, query: CompensationListQuery },
      responses: { 200: { description: 'A page of compensation records', ...json(CompensationPage) } },
    }),
    async (c) =>
      reply(
        c,
        CompensationPage,
        await compensation.listCompensation(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/employees/{id}/compensation',
      tags,
      summary: 'Add a salary from a date (ANNUAL base salary; 409 if one is already effective that day)',
      request: { params: IdParam, body: { ...json(CreateCompensationBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Compensation) } },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const created = await compensation.addCompensation(c.get('db'), requestContext(c), id, c.req.valid('json'));
      setLocation(c, `/employees/${id}/compensation`);
      return reply(c, Compensation, created, 201);
    },
  );

  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/employees/{id}/pay-components',
      tags,
      summary: 'Recurring allowances and deductions (visible like the salary)',
      request: { params: IdParam, query: ComponentListQuery },
      responses: { 200: { description: 'A page of pay components', ...json(PayComponentPage) } },
    }),
    async (c) =>
      reply(
        c,
        PayComponentPage,
        await components.listComponents(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query')),
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/employees/{id}/pay-components',
      tags,
      summary: 'Add a recurring allowance or deduction: a fixed amount per period, or a percentage of base pay',
      request: { params: IdParam, body: { ...json(CreateComponentBody), required: true } },
      responses: { 201: { description: 'Created', ...json(PayComponent) } },
    }),
    async (c) => {
      const created = await components.createComponent(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      setLocation(c, `/pay-components/${created.id}`);
      return reply(c, PayComponent, created, 201);
    },
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'patch',
      path: '/pay-components/{id}',
      tags,
      summary: 'Change a pay component (calculated runs change only when recalculated)',
      request: { params: IdParam, body: { ...json(UpdateComponentBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(PayComponent) } },
    }),
    async (c) =>
      reply(
        c,
        PayComponent,
        await components.updateComponent(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'delete',
      path: '/pay-components/{id}',
      tags,
      summary: 'Delete a pay component (payslips keep their lines); to stop it, set endDate instead',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await components.deleteComponent(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
}
