import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../platform/http/router.js';
import { IdParam } from '../../platform/http/schemas.js';
import {
  CreateUserBody,
  CreatedUser,
  SetRolesBody,
  TemporaryPassword,
  UpdateUserBody,
  User,
  UserListQuery,
  UserPage,
  VersionBody,
} from './auth.schemas.js';
import * as users from './users.service.js';

const tags = ['users'];

export function registerUserRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('auth:read', {
      method: 'get',
      path: '/users',
      tags,
      summary: 'List users',
      request: { query: UserListQuery },
      responses: { 200: { description: 'A page of users', ...json(UserPage) } },
    }),
    async (c) => reply(c, UserPage, await users.listUsers(c.get('db'), c.req.valid('query'))),
  );

  router.openapi(
    defineRoute('auth:admin', {
      method: 'post',
      path: '/users',
      tags,
      summary: 'Create a user (a temporary password is generated when none is given)',
      request: { body: { ...json(CreateUserBody), required: true } },
      responses: { 201: { description: 'Created', ...json(CreatedUser) } },
    }),
    async (c) => {
      const created = await users.createUser(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/users/${created.id}`);
      return reply(c, CreatedUser, created, 201);
    },
  );

  router.openapi(
    defineRoute('auth:read', {
      method: 'get',
      path: '/users/{id}',
      tags,
      summary: 'Get a user',
      request: { params: IdParam },
      responses: { 200: { description: 'The user', ...json(User) }, 404: { description: 'No such user' } },
    }),
    async (c) => reply(c, User, await users.getUser(c.get('db'), c.req.valid('param').id)),
  );

  router.openapi(
    defineRoute('auth:admin', {
      method: 'patch',
      path: '/users/{id}',
      tags,
      summary: 'Change a user’s name or email',
      request: { params: IdParam, body: { ...json(UpdateUserBody), required: true } },
      responses: {
        200: { description: 'Updated', ...json(User) },
        409: { description: 'Stale version or email taken' },
      },
    }),
    async (c) =>
      reply(
        c,
        User,
        await users.updateUser(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );

  for (const [action, status] of [
    ['deactivate', 'inactive'],
    ['activate', 'active'],
  ] as const) {
    router.openapi(
      defineRoute('auth:admin', {
        method: 'post',
        path: `/users/{id}/${action}`,
        tags,
        summary: action === 'deactivate' ? 'Deactivate a user (signs them out everywhere)' : 'Reactivate a user',
        request: { params: IdParam, body: { ...json(VersionBody), required: true } },
        responses: {
          200: { description: 'The user', ...json(User) },
          409: { description: 'Stale version, or last administrator' },
        },
      }),
      async (c) =>
        reply(
          c,
          User,
          await users.setStatus(
            c.get('db'),
            requestContext(c),
            c.req.valid('param').id,
            status,
            c.req.valid('json').version,
          ),
        ),
    );
  }

  router.openapi(
    defineRoute('auth:admin', {
      method: 'post',
      path: '/users/{id}/reset-password',
      tags,
      summary: 'Set a temporary password (the user must change it), sign the user out and lift a lockout',
      request: { params: IdParam, body: { ...json(VersionBody), required: true } },
      responses: { 200: { description: 'The temporary password', ...json(TemporaryPassword) } },
    }),
    async (c) =>
      reply(
        c,
        TemporaryPassword,
        await users.resetPassword(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
      ),
  );

  router.openapi(
    defineRoute('auth:admin', {
      method: 'put',
      path: '/users/{id}/roles',
      tags,
      summary: 'Replace a user’s roles',
      request: { params: IdParam, body: { ...json(SetRolesBody), required: true } },
      responses: {
        200: { description: 'The user', ...json(User) },
        409: { description: 'Stale version, or last administrator' },
      },
    }),
    async (c) =>
      reply(
        c,
        User,
        await users.setRoles(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
}
