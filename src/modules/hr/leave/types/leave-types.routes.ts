import { defineRoute, json, reply, setLocation, type createRouter } from '../../../../platform/http/router.js';
import { requestContext } from '../../../../platform/http/router.js';
import { IdParam } from '../../../../platform/http/schemas.js';
import {
  CreateLeaveTypeBody,
  LeaveType,
  LeaveTypeList,
  LeaveTypeListQuery,
  UpdateLeaveTypeBody,
} from './leave-types.schemas.js';
import * as service from './leave-types.service.js';

const tags = ['hr: leave'];

export function registerLeaveTypeRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/leave/types',
      tags,
      summary: 'List the leave types',
      request: { query: LeaveTypeListQuery },
      responses: { 200: { description: 'The leave types', ...json(LeaveTypeList) } },
    }),
    async (c) => reply(c, LeaveTypeList, await service.listLeaveTypes(c.get('db'), c.req.valid('query').active)),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/leave/types',
      tags,
      summary: 'Create a leave type (allowance, carry-over rule)',
      request: { body: { ...json(CreateLeaveTypeBody), required: true } },
      responses: { 201: { description: 'Created', ...json(LeaveType) } },
    }),
    async (c) => {
      const created = await service.createLeaveType(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/leave/types/${created.id}`);
      return reply(c, LeaveType, created, 201);
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/leave/types/{id}',
      tags,
      summary: 'Get a leave type',
      request: { params: IdParam },
      responses: { 200: { description: 'The leave type', ...json(LeaveType) } },
    }),
    async (c) => reply(c, LeaveType, await service.getLeaveType(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'patch',
      path: '/leave/types/{id}',
      tags,
      summary: 'Change a leave type (deactivate it with active: false)',
      request: { params: IdParam, body: { ...json(UpdateLeaveTypeBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(LeaveType) } },
    }),
    async (c) =>
      reply(
        c,
        LeaveType,
        await service.updateLeaveType(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
}
