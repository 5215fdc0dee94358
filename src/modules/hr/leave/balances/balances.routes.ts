import { defineRoute, json, reply, requestContext, type createRouter } from '../../../../platform/http/router.js';
import { IdParam } from '../../../../platform/http/schemas.js';
import { BalanceQuery, CarryOverBody, CarryOverResult, LeaveBalanceList } from './balances.schemas.js';
import * as service from './balances.service.js';
import { carryOver } from './carry-over.service.js';

const tags = ['hr: leave'];

export function registerBalanceRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/employees/{id}/leave-balances',
      tags,
      summary: "An employee's leave balances for a year (yourself, your reports; hr:admin: anyone)",
      request: { params: IdParam, query: BalanceQuery },
      responses: { 200: { description: 'One balance per leave type', ...json(LeaveBalanceList) } },
    }),
    async (c) =>
      reply(
        c,
        LeaveBalanceList,
        await service.employeeBalances(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('query').year,
        ),
      ),
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/me/leave-balances',
      tags,
      summary: 'Your own leave balances for a year',
      request: { query: BalanceQuery },
      responses: { 200: { description: 'One balance per leave type', ...json(LeaveBalanceList) } },
    }),
    async (c) =>
      reply(c, LeaveBalanceList, await service.myBalances(c.get('db'), requestContext(c), c.req.valid('query').year)),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/leave/carry-over',
      tags,
      summary: "Carry unused days into the next year by each type's rule (idempotent)",
      request: { body: { ...json(CarryOverBody), required: true } },
      responses: { 200: { description: 'What the run did', ...json(CarryOverResult) } },
    }),
    async (c) =>
      reply(c, CarryOverResult, await carryOver(c.get('db'), requestContext(c), c.req.valid('json').fromYear)),
  );
}
