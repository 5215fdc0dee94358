import { defineRoute, json, reply, requestContext, type createRouter } from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import type { AuthModuleDeps } from '../auth.deps.js';
import { Session, User, VersionBody } from '../auth.schemas.js';
import { signInContext, throttledResponse } from '../sign-in-context.js';
import {
  ChallengeBody,
  ChallengeCodeBody,
  CodeBody,
  DisableTwoFactorBody,
  EnrolledSession,
  Enrolment,
  RecoveryCodes,
  TwoFactorLoginBody,
  TwoFactorStatus,
} from './two-factor.schemas.js';
import * as signIn from './two-factor-sign-in.js';
import * as twoFactor from './two-factor.service.js';

const tags = ['two-factor'];
const throttled = throttledResponse;

/**
 * Two-factor authentication (TOTP, docs/security.md): the second step of signing in (public routes,
 * declared in the manifest's `publicRoutes`), your own enrolment, and an administrator's reset.
 */
export function registerTwoFactorRoutes(router: ReturnType<typeof createRouter>, deps: AuthModuleDeps) {
  const { twoFactorKeys: keys, sessionDeps, source } = signInContext(deps);

  // ---- signing in: the second step ----------------------------------------------------------------

  router.openapi(
    defineRoute('public', {
      method: 'post',
      path: '/login/two-factor',
      tags,
      summary: 'Second step of signing in: the challenge and a code (or a recovery code) give the tokens',
      request: { body: { ...json(TwoFactorLoginBody), required: true } },
      responses: {
        200: { description: 'Signed in', ...json(Session) },
        429: throttled('Too many failed sign-ins (wrong codes count like wrong passwords); see Retry-After'),
      },
    }),
    async (c) =>
      reply(
        c,
        Session,
        await signIn.completeSignIn(
          c.get('db'),
          requestContext(c),
          await sessionDeps(),
          c.req.valid('json'),
          await source(c),
        ),
      ),
  );

  router.openapi(
    defineRoute('public', {
      method: 'post',
      path: '/login/two-factor/enrolment',
      tags,
      summary: 'When a role requires two-factor: a new secret to enrol with, for an enrolment challenge',
      request: { body: { ...json(ChallengeBody), required: true } },
      responses: { 200: { description: 'The secret', ...json(Enrolment) } },
    }),
    async (c) =>
      reply(
        c,
        Enrolment,
        await signIn.startEnrolmentAtSignIn(c.get('db'), await sessionDeps(), c.req.valid('json').challenge),
      ),
  );

  router.openapi(
    defineRoute('public', {
      method: 'post',
      path: '/login/two-factor/enrolment/confirm',
      tags,
      summary: 'Confirm that enrolment with a code: two-factor is on; the tokens and the recovery codes (shown once)',
      request: { body: { ...json(ChallengeCodeBody), required: true } },
      responses: {
        200: { description: 'Signed in, with the recovery codes', ...json(EnrolledSession) },
        429: throttled('Too many failed sign-ins; see Retry-After'),
      },
    }),
    async (c) =>
      reply(
        c,
        EnrolledSession,
        await signIn.confirmEnrolmentAtSignIn(
          c.get('db'),
          requestContext(c),
          await sessionDeps(),
          c.req.valid('json'),
          await source(c),
        ),
      ),
  );

  // ---- your own two-factor ------------------------------------------------------------------------

  router.openapi(
    defineRoute('authenticated', {
      method: 'get',
      path: '/me/two-factor',
      tags,
      summary: 'Whether two-factor authentication is on for you, and whether a role requires it',
      responses: { 200: { description: 'The status', ...json(TwoFactorStatus) } },
    }),
    async (c) => reply(c, TwoFactorStatus, await twoFactor.getOwnStatus(c.get('db'), requestContext(c))),
  );

  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/me/two-factor/enrolment',
      tags,
      summary: 'Start enrolling: a new secret for your authenticator app (pending until confirmed)',
      responses: { 200: { description: 'The secret', ...json(Enrolment) } },
    }),
    async (c) => reply(c, Enrolment, await twoFactor.startEnrolment(c.get('db'), requestContext(c), await keys())),
  );

  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/me/two-factor/enrolment/confirm',
      tags,
      summary: 'Confirm with a code: two-factor is on; returns the recovery codes (shown once)',
      request: { body: { ...json(CodeBody), required: true } },
      responses: {
        200: { description: 'The recovery codes', ...json(RecoveryCodes) },
        429: throttled('Too many wrong codes; see Retry-After'),
      },
    }),
    async (c) =>
      reply(
        c,
        RecoveryCodes,
        await twoFactor.confirmEnrolment(c.get('db'), requestContext(c), await keys(), c.req.valid('json').code),
      ),
  );

  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/me/two-factor/recovery-codes',
      tags,
      summary: 'New recovery codes for a current code (the old ones stop working)',
      request: { body: { ...json(CodeBody), required: true } },
      responses: {
        200: { description: 'The recovery codes', ...json(RecoveryCodes) },
        429: throttled('Too many wrong codes; see Retry-After'),
      },
    }),
    async (c) =>
      reply(
        c,
        RecoveryCodes,
        await twoFactor.regenerateRecoveryCodes(c.get('db'), requestContext(c), await keys(), c.req.valid('json').code),
      ),
  );

  router.openapi(
    defineRoute('authenticated', {
      method: 'post',
      path: '/me/two-factor/disable',
      tags,
      summary: 'Turn two-factor off (your password and a code or a recovery code; not while a role requires it)',
      request: { body: { ...json(DisableTwoFactorBody), required: true } },
      responses: {
        204: { description: 'Two-factor is off' },
        429: throttled('Too many wrong codes or passwords; see Retry-After'),
      },
    }),
    async (c) => {
      await twoFactor.disable(c.get('db'), requestContext(c), await keys(), c.req.valid('json'));
      return c.body(null, 204);
    },
  );

  // ---- administrators ----------------------------------------------------------------------------

  router.openapi(
    defineRoute('auth:read', {
      method: 'get',
      path: '/users/{id}/two-factor',
      tags,
      summary: 'Whether a user has two-factor authentication on',
      request: { params: IdParam },
      responses: { 200: { description: 'The status', ...json(TwoFactorStatus) } },
    }),
    async (c) => reply(c, TwoFactorStatus, await twoFactor.getUserStatus(c.get('db'), c.req.valid('param').id)),
  );

  router.openapi(
    defineRoute('auth:admin', {
      method: 'post',
      path: '/users/{id}/reset-two-factor',
      tags,
      summary: 'Turn a user’s two-factor off (a lost phone) and sign them out everywhere',
      request: { params: IdParam, body: { ...json(VersionBody), required: true } },
      responses: { 200: { description: 'The user', ...json(User) } },
    }),
    async (c) =>
      reply(
        c,
        User,
        await twoFactor.resetForUser(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json').version,
        ),
      ),
  );
}
