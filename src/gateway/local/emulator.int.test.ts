import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandardApiHandler } from '../../functions/standard-api.js';
import { testConfig, TEST_PASSWORD } from '../../../test/harness/test-app.js';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import { badTokens } from '../../../test/harness/tokens.js';
import { createUser } from '../../modules/auth/index.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { startLocalStack, type LocalStack } from './local-stack.js';

const ADMIN = { email: 'root@example.com', password: 'an administrator password' };
let database: DatabaseHandle;
let stack: LocalStack;
let adminToken: string;
let employee: { id: string; token: string };

async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(stack.url + path, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  stack = await startLocalStack(testConfig({ MOMS_ADMIN_EMAIL: ADMIN.email, MOMS_ADMIN_PASSWORD: ADMIN.password }), {
    database,
  });
  const login = await call('POST', '/api/v1/auth/login', { body: ADMIN });
  adminToken = login.json!.accessToken as string;
  const user = await createUser(
    database.db,
    { actor: null, requestId: 't' },
    {
      email: 'employee@example.com',
      name: 'Employee',
      password: TEST_PASSWORD,
      roles: ['employee'],
    },
  );
  const employeeLogin = await call('POST', '/api/v1/auth/login', {
    body: { email: 'employee@example.com', password: TEST_PASSWORD },
  });
  employee = { id: user.id, token: employeeLogin.json!.accessToken as string };
});
afterAll(async () => {
  await stack.close();
  await database.close();
});

describe('MOMS through the local API Gateway', () => {
  it('the first start created the configured administrator, who can sign in and call /me', async () => {
    expect(stack.admin).toEqual({ created: true, email: ADMIN.email });
    const me = await call('GET', '/api/v1/auth/me', { token: adminToken });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ email: ADMIN.email, roles: ['admin'], permissions: ['*'] });
    expect(me.headers.get('apigw-requestid')).toBeTruthy();
  });

  it('without a token: 401 problem+json', async () => {
    const res = await call('GET', '/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toContain('Bearer');
    expect(res.json).toMatchObject({ type: 'https://moms.dev/problems/unauthenticated', status: 401 });
  });

  it('a user without the permission: 403 problem+json naming it', async () => {
    const res = await call('GET', '/api/v1/auth/users', { token: employee.token });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json).toMatchObject({ type: 'https://moms.dev/problems/forbidden', requiredPermission: 'auth:read' });
  });

  it.each([
    ['tampered', () => badTokens.tampered(employee.token)],
    ['expired', () => badTokens.expired(employee.id)],
    ['alg: none', () => badTokens.algNone(employee.id)],
    ['signed with another key', () => badTokens.foreignKey(employee.id)],
  ])('a %s token: 401, and nothing it claims is granted', async (_name, make) => {
    const res = await call('GET', '/api/v1/auth/users', { token: await make() });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers health, the OpenAPI document and the docs page', async () => {
    expect((await call('GET', '/api/health')).json).toMatchObject({ status: 'ok' });
    const doc = await call('GET', '/api/openapi.json');
    expect(doc.json).toMatchObject({ openapi: '3.1.0' });
    const docs = await fetch(`${stack.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/openapi.json');
  });

  it('paths outside the route table get API Gateway’s own 404', async () => {
    const res = await call('GET', '/api/v2/nothing');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ message: 'Not Found' });
  });
});

describe('the handler invoked directly with an API Gateway v2 event answers as through the emulator', () => {
  /** The event of AWS's documentation for HTTP API payload format 2.0, after the authorizer ran. */
  function awsEvent(
    method: string,
    path: string,
    authorizerContext: Record<string, unknown> | undefined,
    body?: unknown,
  ): APIGatewayProxyEventV2 {
    return {
      version: '2.0',
      routeKey: 'ANY /api/v1/auth/{proxy+}',
      rawPath: path,
      rawQueryString: 'limit=5',
      headers: {
        accept: 'application/json',
        host: 'abcdef123.execute-api.us-east-1.amazonaws.com',
        'user-agent': 'curl/8.5.0',
        'x-forwarded-for': '198.51.100.7',
        'x-forwarded-port': '443',
        'x-forwarded-proto': 'https',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      queryStringParameters: { limit: '5' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'abcdef123',
        ...(authorizerContext ? { authorizer: { lambda: authorizerContext } } : {}),
        domainName: 'abcdef123.execute-api.us-east-1.amazonaws.com',
        domainPrefix: 'abcdef123',
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'curl/8.5.0' },
        requestId: 'JKJaXmPLvHcESHA=',
        routeKey: 'ANY /api/v1/auth/{proxy+}',
        stage: '$default',
        time: '25/Nov/2026:12:00:00 +0000',
        timeEpoch: 1795608000000,
      },
      pathParameters: { proxy: path.replace('/api/v1/auth/', '') },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      isBase64Encoded: false,
    } as APIGatewayProxyEventV2;
  }

  async function adminContext() {
    const verified = await (await stack.runtime.getAccessTokens()).verify(adminToken);
    return {
      authenticated: true,
      userId: verified.userId,
      email: verified.email,
      roles: verified.roles.join(','),
      permissions: verified.permissions.join(','),
      exp: verified.exp,
    };
  }

  it('GET /users?limit=5 as the admin', async () => {
    const handler = createStandardApiHandler(stack.runtime);
    const context = await adminContext();
    const direct = (await handler(awsEvent('GET', '/api/v1/auth/users', context))) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
      isBase64Encoded: boolean;
    };
    const viaEmulator = await call('GET', '/api/v1/auth/users?limit=5', { token: adminToken });
    expect(direct.statusCode).toBe(200);
    expect(direct.isBase64Encoded).toBe(false);
    expect(direct.statusCode).toBe(viaEmulator.status);
    expect(direct.headers['content-type']).toBe(viaEmulator.headers.get('content-type'));
    expect(JSON.parse(direct.body)).toEqual(viaEmulator.json);
    // The request id comes from API Gateway's requestContext.
    expect(direct.headers['x-request-id']).toBe('JKJaXmPLvHcESHA=');
  });

  it('the same 401 problem when the authorizer found no token', async () => {
    const handler = createStandardApiHandler(stack.runtime);
    const direct = (await handler(awsEvent('GET', '/api/v1/auth/me', { authenticated: false, reason: 'missing' }))) as {
      statusCode: number;
      body: string;
    };
    const viaEmulator = await call('GET', '/api/v1/auth/me');
    expect(direct.statusCode).toBe(401);
    const { requestId: _a, ...directBody } = JSON.parse(direct.body) as Record<string, unknown>;
    const { requestId: _b, ...emulatorBody } = viaEmulator.json!;
    expect(directBody).toEqual(emulatorBody);
  });

  it('the same 422 problem for a bad body', async () => {
    const handler = createStandardApiHandler(stack.runtime);
    const body = { email: 'nope', name: '' };
    const direct = (await handler({
      ...awsEvent('POST', '/api/v1/auth/users', await adminContext(), body),
      rawQueryString: '',
      queryStringParameters: undefined,
    } as APIGatewayProxyEventV2)) as { statusCode: number; body: string };
    const viaEmulator = await call('POST', '/api/v1/auth/users', { token: adminToken, body });
    expect(viaEmulator.status).toBe(422);
    expect(direct.statusCode).toBe(422);
    const { requestId: _a, ...directBody } = JSON.parse(direct.body) as Record<string, unknown>;
    const { requestId: _b, ...emulatorBody } = viaEmulator.json!;
    expect(directBody).toEqual(emulatorBody);
    expect((directBody.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['email', 'name']);
  });
});
