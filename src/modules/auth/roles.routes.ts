import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../platform/http/router.js';
import type { AuthModuleDeps } from './auth.deps.js';
import { CreateRoleBody, PermissionCatalog, Role, RoleList, RoleNameParam, UpdateRoleBody } from './auth.schemas.js';
import * as roles from './roles.service.js';

const tags = ['roles'];

export function registerRoleRoutes(router: ReturnType<typeof createRouter>, deps: AuthModuleDeps) {
  router.openapi(
    defineRoute('auth:read', {
      method: 'get',
      path: '/roles',
      tags,
      summary: 'List roles and the permissions they grant',
      responses: { 200: { description: 'All roles', ...json(RoleList) } },
    }),
    async (c) => reply(c, RoleList, await roles.listRoles(c.get('db'))),
  );

  router.openapi(
    defineRoute('auth:admin', {
      method: 'post',
      path: '/roles',
      tags,
      summary: 'Create a role',
      request: { body: { ...json(CreateRoleBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Role) } },
    }),
    async (c) => {
      const created = await roles.createRole(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/roles/${created.name}`);
      return reply(c, Role, created, 201);
    },
  );

  router.openapi(
    defineRoute('auth:read', {
      method: 'get',
      path: '/roles/{name}',
      tags,
      summary: 'Get a role',
      request: { params: RoleNameParam },
      responses: { 200: { description: 'The role', ...json(Role) } },
    }),
    async (c) => reply(c, Role, await roles.getRole(c.get('db'), c.req.valid('param').name)),
  );

  router.openapi(
    defineRoute('auth:admin', {
      method: 'patch',
      path: '/roles/{name}',
      tags,
      summary: 'Change a role’s description or permissions',
      request: { params: RoleNameParam, body: { ...json(UpdateRoleBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Role) } },
    }),
    async (c) =>
      reply(
        c,
        Role,
        await roles.updateRole(c.get('db'), requestContext(c), c.req.valid('param').name, c.req.valid('json')),
      ),
  );

  router.openapi(
    defineRoute('auth:admin', {
      method: 'delete',
      path: '/roles/{name}',
      tags,
      summary: 'Delete a role that no one holds',
      request: { params: RoleNameParam },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await roles.deleteRole(c.get('db'), requestContext(c), c.req.valid('param').name);
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/permissions',
      tags,
      summary: 'Every permission the installed modules define',
      responses: { 200: { description: 'The catalog', ...json(PermissionCatalog) } },
    }),
    async (c) => reply(c, PermissionCatalog, { items: [...(await deps.permissionCatalog())] }),
  );
}
