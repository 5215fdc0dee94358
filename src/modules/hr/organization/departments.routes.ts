import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import * as service from './departments.service.js';
import {
  CreateDepartmentBody,
  Department,
  DepartmentListQuery,
  DepartmentPage,
  DepartmentTree,
  UpdateDepartmentBody,
} from './organization.schemas.js';

const tags = ['hr'];

export function registerDepartmentRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/departments/tree',
      tags,
      summary: 'Every department as a tree (top-level departments with nested children)',
      responses: { 200: { description: 'The department tree', ...json(DepartmentTree) } },
    }),
    async (c) => reply(c, DepartmentTree, await service.departmentTree(c.get('db'))),
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/departments',
      tags,
      summary: 'List departments (flat; filter by parent, or top-level only)',
      request: { query: DepartmentListQuery },
      responses: { 200: { description: 'A page of departments', ...json(DepartmentPage) } },
    }),
    async (c) => reply(c, DepartmentPage, await service.listDepartments(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/departments',
      tags,
      summary: 'Create a department',
      request: { body: { ...json(CreateDepartmentBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Department) } },
    }),
    async (c) => {
      const created = await service.createDepartment(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/departments/${created.id}`);
      return reply(c, Department, created, 201);
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/departments/{id}',
      tags,
      summary: 'Get a department',
      request: { params: IdParam },
      responses: { 200: { description: 'The department', ...json(Department) } },
    }),
    async (c) => reply(c, Department, await service.getDepartment(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'patch',
      path: '/departments/{id}',
      tags,
      summary: 'Change a department (a parent that would make a cycle is a 422)',
      request: { params: IdParam, body: { ...json(UpdateDepartmentBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Department) } },
    }),
    async (c) =>
      reply(
        c,
        Department,
        await service.updateDepartment(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'delete',
      path: '/departments/{id}',
      tags,
      summary: 'Delete a department (409 listing what still uses it)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteDepartment(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
}
