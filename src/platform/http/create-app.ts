import { randomUUID } from 'node:crypto';
import { swaggerUI } from '@hono/swagger-ui';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AccessTokens } from '../auth/access-token.js';
import { TokenError, bearerToken } from '../auth/access-token.js';
import { fromAuthorizerContext } from '../auth/authorizer-context.js';
import { sealAuditLog } from '../audit/audit-sealer.js';
import type { Db } from '../db/database.js';
import { errors } from '../errors/app-error.js';
import { idempotency } from '../idempotency/idempotency.js';
import { logger, requestLogger } from '../observability/logger.js';
import type { AppEnv } from './app-env.js';
import { problemResponse, toAppError } from './problem.js';
import { createRouter } from './router.js';

export interface AppModule {
  /** e.g. `/api/v1/auth` */
  basePath: string;
  router: OpenAPIHono<AppEnv>;
}

export interface CreateAppOptions {
  name: string;
  version: string;
  getDb: () => Promise<Db>;
  /** Verifies tokens when no authorizer context came with the request (direct calls, tests). */
  getAccessTokens: () => Promise<AccessTokens>;
  modules: AppModule[];
  /** JSON bodies larger than this are refused with 413 (API Gateway's own limit is 10 MB). */
  bodyLimitBytes?: number;
  /** Extra routes mounted before the modules (e.g. the audit admin endpoints). */
  extend?: (app: OpenAPIHono<AppEnv>) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The Hono app of one Lambda function: the platform's middleware, then the modules' routes. */
export function createApp(options: CreateAppOptions): OpenAPIHono<AppEnv> {
  const app = createRouter();
  const limit = options.bodyLimitBytes ?? 1024 * 1024;

  app.use('*', async (c, next) => {
    const started = performance.now();
    const fromGateway = (c.env?.event?.requestContext as { requestId?: string } | undefined)?.requestId;
    const fromHeader = c.req.header('x-request-id');
    const requestId = fromGateway ?? (fromHeader && REQUEST_ID.test(fromHeader) ? fromHeader : randomUUID());
    const log = requestLogger(requestId);
    c.set('requestId', requestId);
    c.set('log', log);
    await next();
    c.header('x-request-id', requestId);
    log.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      actorId: c.get('actor')?.userId,
    });
  });

  app.use('/api/*', secureHeaders());
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: limit,
      onError: () => {
        throw errors.payloadTooLarge(limit);
      },
    }),
  );

  app.get('/api/health', (c) => c.json({ status: 'ok', service: options.name, version: options.version }));

  app.use('/api/v1/*', async (c, next) => {
    if (MUTATING.has(c.req.method)) {
      const type = c.req.header('content-type');
      const length = c.req.header('content-length');
      const hasBody = (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
      if (hasBody && !(type && /^application\/([a-z.+-]*\+)?json\b/i.test(type))) throw errors.unsupportedMediaType();
    }
    c.set('db', await options.getDb());
    await next();
  });

  // Authentication: trust the authorizer's verdict when API Gateway (or the emulator) ran it;
  // otherwise verify the bearer token here with the same code.
  app.use('/api/v1/*', async (c, next) => {
    const context = c.env?.event?.requestContext as { authorizer?: { lambda?: Record<string, unknown> } } | undefined;
    const fromAuthorizer = context?.authorizer?.lambda;
    if (fromAuthorizer) {
      const verdict = fromAuthorizerContext(fromAuthorizer);
      if ('actor' in verdict) c.set('actor', verdict.actor);
      else c.set('authRejection', verdict.rejection);
    } else {
      const token = bearerToken(c.req.header('authorization'));
      if (token) {
        try {
          const verified = await (await options.getAccessTokens()).verify(token);
          c.set('actor', verified);
        } catch (error) {
          if (!(error instanceof TokenError)) throw error;
          c.set('authRejection', error.reason);
        }
      }
    }
    await next();
  });

  app.use('/api/v1/*', idempotency());

  // Seal this request's audit records into the hash chain once they are committed.
  app.use('/api/v1/*', async (c, next) => {
    await next();
    if (MUTATING.has(c.req.method) && c.res.status < 400) {
      await sealAuditLog(c.get('db')).catch((error: unknown) =>
        c.get('log').warn('audit sealing deferred', { error: (error as Error).message }),
      );
    }
  });

  options.extend?.(app);
  for (const module of options.modules) app.route(module.basePath, module.router);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: `MOMS API (${options.name})`,
      version: options.version,
      description: 'Errors are RFC 9457 application/problem+json. Lists use cursor pagination.',
    },
  });
  app.get('/api/docs', swaggerUI({ url: '/api/openapi.json' }));

  app.notFound((c) => problemResponse(c, errors.routeNotFound(c.req.method, c.req.path)));
  app.onError((error, c) => {
    const appError = toAppError(error);
    const log = c.get('log') ?? logger;
    if (appError.status >= 500) {
      log.error('request failed', {
        error:
          error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      });
    }
    return problemResponse(c, appError);
  });
  return app;
}
