import { defineRoute, json, reply, requestContext, type createRouter } from '../../platform/http/router.js';
import { ChangePasswordBody, LoginBody, Me, RefreshBody, Session } from './auth.schemas.js';
import * as sessions from './sessions.service.js';
import * as users from './users.service.js';
import type { AuthModuleDeps } from './auth.deps.js';
import { signInContext, throttledResponse } from './sign-in-context.js';
import { LoginResult } from './two-factor/two-factor.schemas.js';

export function registerSessionRoutes(router: ReturnType<typeof createRouter>, deps: AuthModuleDeps) {
  const { sessionDeps, source } = signInContext(deps);
  const throttled = throttledResponse;

  router.openapi(
    defineRoute('public', {
      method: 'post',
      path: '/login',
      tags: ['auth'],
      summary: 'Sign in with email and password',
      request: { body: { ...json(LoginBody), required: true } },
      responses: {
        200: {
          description: 'Signed in; or, with two-factor authentication, a challenge for POST /login/two-factor',
          ...json(LoginResult),
        },
        429: throttled('Too many failed sign-ins from this source (for this account); see Retry-After'),
      },
    }),
    async (c) => {
      const session = await sessions.login(
        c.get('db'),
        requestContext(c),
        await sessionDeps(),
        c.req.valid('json'),
        await source(c),
      );
      return reply(c, LoginResult, session);
    },
  );

  router.openapi(
    defineRoute('public', {
      method: 'post',
      path: '/refresh',
      tags: ['auth'],
      summary: 'Exchange a refresh token for new tokens (the old refresh token is spent)',
      request: { body: { ...json(RefreshBody), required: true } },
      responses: { 200: { description: 'New tokens', ...json(Session) } },
    }),
    async (c) =>
      reply(
        c,
        Session,
        await sessions.refresh(c.get('db'), requestContext(c), await sessionDeps(), c.req.valid('json').refreshToken),
      ),
  );

  router.openapi(
    defineRoute('public', {
      method: 'post',
      path: '/logout',
      tags: ['auth'],
      summary: 'Sign out: revokes the refresh token and every token rotated from it',
      request: { body: { ...json(RefreshBody), required: true } },
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      await sessions.logout(c.get('db'), requestContext(c), c.req.valid('json').refreshToken);
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: 'The signed-in user, with roles and effective permissions',
      responses: { 200: { description: 'The signed-in user', ...json(Me) } },
    }),
    async (c) => reply(c, Me, await users.getMe(c.get('db'), requestContext(c))),
  );

  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/me/password',
      tags: ['auth'],
      summary: 'Change your password (signs out your other sessions; limited wrong attempts)',
      request: { body: { ...json(ChangePasswordBody), required: true } },
      responses: {
        204: { description: 'Password changed' },
        429: throttled('Too many wrong current passwords: signed out everywhere; see Retry-After'),
      },
    }),
    async (c) => {
      await users.changeOwnPassword(c.get('db'), requestContext(c), c.req.valid('json'));
      return c.body(null, 204);
    },
  );
}
