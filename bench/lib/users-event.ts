import type { APIGatewayProxyEventV2WithLambdaAuthorizer } from 'aws-lambda';
import { migrate } from '../../src/app/migrations.js';
import { createRuntime } from '../../src/app/runtime.js';
import { createStandardApp } from '../../src/app/standard-app.js';
import { createAuthorizer } from '../../src/functions/authorizer.js';
import { buildAuthorizerEvent } from '../../src/gateway/local/events.js';
import { createUser } from '../../src/modules/auth/index.js';
import type { AuthorizerContext } from '../../src/platform/auth/authorizer-context.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { createDatabase } from '../../src/platform/db/create-database.js';
import { httpApiEvent } from './lambda-event.js';
import { seedUsers } from './seed.js';

export type UsersEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;

/**
 * Migrates the (empty) database at `url`, adds an administrator and 30 users, signs in through the
 * app, and returns the event API Gateway would hand standardApi for `GET /api/v1/auth/users?limit=20`:
 * the bearer token in the headers and the real authorizer's verdict in `requestContext.authorizer`.
 */
export async function prepareUsersEvent(url: string, jwtSecret: string): Promise<UsersEvent> {
  const admin = { email: 'bench-admin@moms.local', password: 'bench-password-2026' };
  const handle = await createDatabase({
    kind: 'postgres',
    pool: { connectionString: url, max: 2, idleTimeoutMillis: 1_000, statementTimeoutMs: 30_000, connectRetryMs: 0 },
  });
  try {
    await migrate(handle.db);
    await createUser(
      handle.db,
      { actor: null, requestId: 'bench' },
      { ...admin, name: 'Bench Admin', roles: ['admin'] },
    );
    await seedUsers(handle.db, 30);
    const runtime = createRuntime(
      loadConfig({ DATABASE_URL: url, JWT_SECRET: jwtSecret, LOG_LEVEL: 'silent' }),
      handle,
    );
    const login = await createStandardApp(runtime).request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const event = httpApiEvent('GET', '/api/v1/auth/users?limit=20', {
      routeKey: 'ANY /api/v1/auth/{proxy+}',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const verdict = await createAuthorizer(runtime)(buildAuthorizerEvent(event));
    if (!verdict.context?.authenticated) throw new Error('the authorizer rejected the bench token');
    return {
      ...event,
      pathParameters: { proxy: 'users' },
      requestContext: { ...event.requestContext, authorizer: { lambda: verdict.context } },
    };
  } finally {
    await handle.close();
  }
}

/** The same request for another list of the standardApi (path, query, route). */
export function listEvent(base: UsersEvent, path: string, query: Record<string, string>, routeKey: string): UsersEvent {
  const rawQueryString = new URLSearchParams(query).toString();
  return {
    ...base,
    rawPath: path,
    rawQueryString,
    routeKey,
    queryStringParameters: query,
    pathParameters: { proxy: path.split('/').slice(4).join('/') },
    requestContext: { ...base.requestContext, routeKey, http: { ...base.requestContext.http, path } },
  };
}
