import { randomUUID } from 'node:crypto';
import { swaggerUI } from '@hono/swagger-ui';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AccessTokens } from '../auth/access-token.js';
import { authenticate } from '../auth/authenticate.js';
import type { TokenRevocation } from '../auth/token-revocation.js';
import type { Db } from '../db/database.js';
import { errors } from '../errors/app-error.js';
import { trackPendingWork } from '../jobs/pending-work.js';
import { logger, requestLogger } from '../observability/logger.js';
import { lazyAsync } from '../modules/lazy.js';
import type { AppEnv } from './app-env.js';
import { useCursorSecret } from './cursor.js';
import { problemResponse, toAppError } from './problem.js';

export interface AppModule {
  /** e.g. `/api/v1/auth` */
  basePath: string;
  /**
   * The module's router, loaded (and its schemas built) on the first request under `basePath` or for
   * the OpenAPI document: a cold start pays only for the modules it serves (docs/adr/0006).
   */
  load: () => Promise<OpenAPIHono<AppEnv>>;
  /**
   * A module in route groups (docs/adr/0006): the first path segments under `basePath` its groups name,
   * and how to load the router of just a segment's groups (on that segment's first request); any other
   * segment, and the API document, use the whole router. Asked once, with the module's first request;
   * `undefined` for a module that is one router.
   */
  parts?: () => Promise<ModuleParts | undefined>;
}

export interface ModuleParts {
  segments: ReadonlySet<string>;
  load: (segment: string) => Promise<OpenAPIHono<AppEnv>>;
}

export interface CreateAppOptions {
  name: string;
  version: string;
  getDb: () => Promise<Db>;
  /** Verifies tokens when no authorizer context came with the request (direct calls, tests). */
  getAccessTokens: () => Promise<AccessTokens>;
  modules: AppModule[];
  /** Refuses access tokens issued before their user's or role's cutoff (docs/adr/0010). */
  tokenRevocation?: TokenRevocation;
  /**
   * The deployment's secret that page cursors are signed with (a key is derived from it, `cursor.ts`),
   * so that every container accepts the cursors the others made.
   */
  getCursorSecret?: () => Promise<Uint8Array>;
  /** JSON bodies larger than this are refused with 413 (API Gateway's own limit is 10 MB). */
  bodyLimitBytes?: number;
  /**
   * Runs after a request that enqueued jobs or emitted events, once its transaction committed: the
   * relay (docs/adr/0012). A failure is logged; the sweeper dispatches what it left.
   */
  relay?: (db: Db) => Promise<unknown>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The Hono app of one Lambda function: the platform's middleware, then the modules' routes. A plain
 * Hono app: the OpenAPI router (and Zod) load with the first module or the API document, not at a cold
 * start (docs/adr/0026).
 */
export function createApp(options: CreateAppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limit = options.bodyLimitBytes ?? 1024 * 1024;
  if (options.getCursorSecret) useCursorSecret(options.getCursorSecret);

  app.use('*', async (c, next) => {
    const started = performance.now();
    const fromGateway = (c.env?.event?.requestContext as { requestId?: string } | undefined)?.requestId;
    const fromHeader = c.req.header('x-request-id');
    const requestId = fromGateway ?? (fromHeader && REQUEST_ID.test(fromHeader) ? fromHeader : randomUUID());
    const log = requestLogger(requestId);
    c.set('requestId', requestId);
    c.set('log', log);
    await next();
    // On the answer's own headers, as secureHeaders does: `c.header()` after the answer is made copies
    // the whole Response (and turns a light one into undici's, docs/adr/0026).
    c.res.headers.set('x-request-id', requestId);
    log.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      actorId: c.get('actor')?.userId,
    });
  });

  app.use('/api/*', secureHeaders());
  // Middleware that only concerns requests with a body or that change data is not run for reads: each
  // layer is a step in every request's chain (docs/adr/0026).
  app.on(
    [...MUTATING],
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
  // otherwise verify the bearer token here with the same code. Either way, refuse a revoked token (ADR 0010).
  app.use('/api/v1/*', async (c, next) => {
    const context = c.env?.event?.requestContext as { authorizer?: { lambda?: Record<string, unknown> } } | undefined;
    const verdict = await authenticate({
      authorizerContext: context?.authorizer?.lambda,
      authorization: c.req.header('authorization'),
      getAccessTokens: options.getAccessTokens,
      db: c.get('db'),
      revocation: options.tokenRevocation,
    });
    if (verdict && 'actor' in verdict) c.set('actor', verdict.actor);
    else if (verdict) c.set('authRejection', verdict.rejection);
    await next();
  });

  // Keys are for POST only (idempotency.ts). It and the audit sealer below use Kysely's `sql`: loaded
  // with the first request that writes, not at a cold start (docs/adr/0026).
  app.on(
    'POST',
    '/api/v1/*',
    loadedOnFirstUse(async () => (await import('../idempotency/idempotency.js')).idempotency()),
  );

  // Relay the events and jobs this request committed (only when it wrote some: no query otherwise).
  const relay = options.relay;
  if (relay) {
    app.use('/api/v1/*', async (c, next) => {
      const { pending } = await trackPendingWork(next);
      if (pending) {
        await relay(c.get('db')).catch((error: unknown) =>
          c.get('log').warn('relay deferred to the sweeper', { error: (error as Error).message }),
        );
      }
    });
  }

  const sealer = lazyAsync(() => import('../audit/audit-sealer.js'));
  // Seal this request's audit records into the hash chain once they are committed.
  app.on([...MUTATING], '/api/v1/*', async (c, next) => {
    await next();
    if (c.res.status < 400) {
      await sealer()
        .then(({ sealAuditLog }) => sealAuditLog(c.get('db')))
        .catch((error: unknown) => c.get('log').warn('audit sealing deferred', { error: (error as Error).message }));
    }
  });

  const modules = options.modules.map((module) => lazyModule(module));
  for (const module of modules) {
    app.all(module.basePath, module.dispatch);
    app.all(`${module.basePath}/*`, module.dispatch);
  }

  // The document of every module's routes (loading them all: a docs request is no cold-start path).
  let document: Promise<unknown> | undefined;
  app.get('/api/openapi.json', async (c) => {
    document ??= (async () => {
      const { createRouter } = await import('./router.js');
      const docs = createRouter();
      for (const module of modules) docs.route(module.basePath, await module.router());
      docs.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      });
      return docs.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: `MOMS API (${options.name})`,
          version: options.version,
          description: 'Errors are RFC 9457 application/problem+json. Lists use cursor pagination.',
        },
      });
    })().catch((error: unknown) => {
      document = undefined;
      throw error;
    });
    return c.json(await document);
  });
  // The viewer's script and styles come from the web build (`/swagger-ui-dist/`, copied there from the
  // npm package by web/vite.config.ts): same origin, so the docs work offline and load nothing from a CDN.
  app.get('/api/docs', swaggerUI({ url: '/api/openapi.json', baseUrl: '', title: 'MOMS API' }));

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

/** A middleware whose code is imported on its first request (and again after a failed import). */
function loadedOnFirstUse(load: () => Promise<MiddlewareHandler<AppEnv>>): MiddlewareHandler<AppEnv> {
  const middleware = lazyAsync(load);
  return async (c, next) => (await middleware())(c, next);
}

/** Request state the module's router needs from the platform's middleware. */
const CARRIED = ['requestId', 'log', 'db', 'actor', 'authRejection'] as const;

/** The first path segment under `basePath`: `accounts` for `/api/v1/finance/accounts/7`, '' for the base itself. */
function firstSegment(path: string, basePath: string): string {
  const rest = path.slice(basePath.length + 1);
  const end = rest.indexOf('/');
  return end === -1 ? rest : rest.slice(0, end);
}

/**
 * A module mounted on first use. Its router runs behind a thin wrapper that takes over the request
 * state set by the platform's middleware, and hands errors and unknown routes back to the app, so a
 * lazily loaded module answers exactly like one mounted with `app.route`. A module in route groups
 * (`parts`) gets one such wrapper per first path segment, around the router of that segment's groups;
 * a path that router does not know goes on to the whole router (which then answers 404 as before).
 */
function lazyModule(module: AppModule) {
  const mount = (load: () => Promise<OpenAPIHono<AppEnv>>, unknownRoute?: (c: Context<AppEnv>) => Promise<Response>) =>
    // Loaded once; a failed load (its chunk unreadable) is tried again by the next request.
    lazyAsync(async () => {
      const router = await load();
      const wrapper = new Hono<AppEnv>();
      wrapper.use('*', async (c, next) => {
        const parent = c.env?.parent;
        if (parent) for (const key of CARRIED) c.set(key, parent.get(key) as never);
        c.set('basePath', module.basePath);
        await next();
      });
      wrapper.route(module.basePath, router);
      wrapper.notFound(
        unknownRoute ??
          ((c) => {
            throw errors.routeNotFound(c.req.method, c.req.path);
          }),
      );
      wrapper.onError((error) => {
        throw error;
      });
      return { router, wrapper };
    });
  const whole = mount(module.load);
  // A part's unknown path: the request (its body unread, no route matched) goes to the whole router.
  const toWhole = async (c: Context<AppEnv>) => (await whole()).wrapper.fetch(c.req.raw, c.env);
  // The module's parts, once its first request asked: null for a module that is one router.
  const loadParts = module.parts ? lazyAsync(module.parts) : undefined;
  let index: ModuleParts | null | undefined = loadParts ? undefined : null;
  // One mounted part per segment the groups name (a bounded set: other segments are not kept).
  const parts = new Map<string, ReturnType<typeof mount>>();
  const partOf = (groups: ModuleParts, segment: string) => {
    if (!groups.segments.has(segment)) return whole;
    let part = parts.get(segment);
    if (!part) {
      part = mount(() => groups.load(segment), toWhole);
      parts.set(segment, part);
    }
    return part;
  };
  return {
    basePath: module.basePath,
    router: async () => (await whole()).router,
    dispatch: async (c: Context<AppEnv>) => {
      if (index === undefined) index = (await loadParts?.()) ?? null;
      const target = index === null ? whole : partOf(index, firstSegment(c.req.path, module.basePath));
      const { wrapper } = await target();
      const raw = c.req.raw;
      const env = { ...c.env, parent: c };
      // A request without a body goes on as it is (building a Request costs more than routing it).
      if (raw.method === 'GET' || raw.method === 'HEAD') return wrapper.fetch(raw, env);
      // The body may already have been read (idempotency, body limit): hand over the cached copy.
      const body = await c.req.arrayBuffer();
      return wrapper.fetch(new Request(raw.url, { method: raw.method, headers: raw.headers, body }), env);
    },
  };
}
