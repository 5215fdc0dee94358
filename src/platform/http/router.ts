import { OpenAPIHono, createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { errors } from '../errors/app-error.js';
import { hasPermission, type Permission } from '../auth/actor.js';
import type { AppEnv, RequestContext } from './app-env.js';
import { fieldErrors } from './problem.js';
import { responseCheckFromEnv, shapeResponse, verifiedResponse } from './response-shape.js';
import { unstorableText } from './text.js';

/** Who may call a route: anyone, any signed-in user, or holders of one permission. */
export type RouteAccess = 'public' | 'authenticated' | Permission;

/**
 * A Hono sub-app whose validation failures become 422 problem+json with per-field errors. Every
 * validated input (body, query, path, headers) is also checked here, once for all routes, for text
 * the database cannot store (NUL, unpaired surrogates: `text.ts`), whatever schema the field has.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      const prefix = result.target === 'json' ? '' : `${result.target}.`;
      const named = (list: { path: string; message: string; code?: string }[]) =>
        list.map((e) => ({ ...e, path: prefix + e.path }));
      if (!result.success) throw errors.validation(named(fieldErrors(result.error)));
      const unstorable = unstorableText(result.data);
      if (unstorable.length > 0) throw errors.validation(named(unstorable));
    },
  });
}

const REJECTION_DETAIL = {
  missing: 'Sign in to use this resource: send "Authorization: Bearer <access token>".',
  malformed: 'The access token is malformed.',
  expired: 'The access token has expired. Refresh it and try again.',
  invalid: 'The access token is not valid.',
} as const;

export function requireAccess(access: RouteAccess): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access !== 'public') {
      const actor = c.get('actor');
      if (!actor) throw errors.unauthenticated(REJECTION_DETAIL[c.get('authRejection') ?? 'missing']);
      if (access !== 'authenticated' && !hasPermission(actor, access)) throw errors.forbidden(access);
    }
    await next();
  };
}

const problemSchema = z
  .object({
    type: z.string().url(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
  })
  .openapi('Problem');
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/**
 * `createRoute` with the access rule every route must declare (enforced here, recorded in the
 * OpenAPI document as `x-moms-access`) and the problem responses every route can give.
 */
export function defineRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(
  access: RouteAccess,
  config: R,
): R {
  const own = config.middleware ? (Array.isArray(config.middleware) ? config.middleware : [config.middleware]) : [];
  const hasBody = config.request?.body !== undefined;
  return createRoute({
    ...config,
    middleware: [requireAccess(access), ...own],
    security: access === 'public' ? [] : [{ bearerAuth: [] }],
    'x-moms-access': access,
    responses: {
      ...(hasBody || config.request?.query || config.request?.params
        ? { 400: problem('Malformed request'), 422: problem('Validation failed') }
        : {}),
      ...(access === 'public' ? {} : { 401: problem('Not signed in, or the token is not valid') }),
      ...(access === 'public' || access === 'authenticated' ? {} : { 403: problem(`Requires ${access}`) }),
      ...config.responses,
    },
  } as R);
}

const responseCheck = responseCheckFromEnv();

/**
 * Sends a response body cut to its schema: parsed by it in tests and development, cut to its shape
 * (keys and types, without format checks) in production — `response-shape.ts`, docs/adr/0026.
 */
export function reply<S extends z.ZodType, Status extends 200 | 201>(
  c: Context<AppEnv>,
  schema: S,
  body: z.input<S>,
  status?: Status,
) {
  const out =
    responseCheck === 'shape'
      ? shapeResponse(schema, body)
      : responseCheck === 'verify'
        ? verifiedResponse(schema, body)
        : schema.parse(body);
  return c.json(out as z.output<S>, status ?? (200 as Status));
}

/** `{ content: { 'application/json': { schema } } }`: a JSON request or response body for a route. */
export const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

/** Sets `Location` to a path under the serving module's mount: `setLocation(c, \`/teams/${id}\`)` → `/api/v1/crm/teams/…`. */
export function setLocation(c: Context<AppEnv>, path: string): void {
  c.header('Location', `${c.get('basePath')}${path}`);
}

export function requestContext(c: Context<AppEnv>): RequestContext {
  return { actor: c.get('actor') ?? null, requestId: c.get('requestId') };
}

export { z };
