import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { AccessTokens } from '../platform/auth/access-token.js';
import { fromAuthorizerContext } from '../platform/auth/authorizer-context.js';
import { TEST_JWT_SECRET } from '../../test/harness/test-app.js';
import { badTokens } from '../../test/harness/tokens.js';
import { createAuthorizer } from './authorizer.js';

const tokens = new AccessTokens(new TextEncoder().encode(TEST_JWT_SECRET), 900);
const authorizer = createAuthorizer({ getAccessTokens: async () => tokens });
const userId = '3f1c2a9e-8a4b-4c55-9d1e-0a1b2c3d4e5f';

/** The REQUEST authorizer event of AWS's documentation (payload format 2.0). */
function event(authorization?: string): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/$default/GET/api/v1/auth/me',
    identitySource: [],
    routeKey: 'ANY /api/v1/auth/{proxy+}',
    rawPath: '/api/v1/auth/me',
    rawQueryString: '',
    cookies: [],
    headers: { host: 'api.example.com', ...(authorization ? { authorization } : {}) },
    queryStringParameters: {},
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef123',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method: 'GET',
        path: '/api/v1/auth/me',
        protocol: 'HTTP/1.1',
        sourceIp: '198.51.100.7',
        userAgent: 'curl/8',
      },
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      routeKey: 'ANY /api/v1/auth/{proxy+}',
      stage: '$default',
      time: '25/Nov/2026:12:00:00 +0000',
      timeEpoch: 1795608000000,
    },
    pathParameters: { proxy: 'me' },
    stageVariables: {},
  } as APIGatewayRequestAuthorizerEventV2;
}

describe('the Lambda REQUEST authorizer', () => {
  it('accepts a valid token and passes the principal on as flat context', async () => {
    const { token } = await tokens.sign({
      userId,
      email: 'a@example.com',
      roles: ['manager'],
      permissions: ['auth:read', 'hr:write'],
    });
    const result = await authorizer(event(`Bearer ${token}`));
    expect(result.isAuthorized).toBe(true);
    expect(result.context).toMatchObject({
      authenticated: true,
      userId,
      email: 'a@example.com',
      roles: 'manager',
      permissions: 'auth:read,hr:write',
    });
    // API Gateway only passes strings, numbers and booleans through.
    for (const value of Object.values(result.context)) expect(['string', 'number', 'boolean']).toContain(typeof value);
    expect(fromAuthorizerContext(result.context as Record<string, unknown>)).toEqual({
      actor: { userId, email: 'a@example.com', roles: ['manager'], permissions: ['auth:read', 'hr:write'] },
      issuedAt: expect.any(Number),
      expiresAt: expect.any(Number),
    });
  });

  it('passes on when the token was issued (to the millisecond) and its session, for the revocation check', async () => {
    const before = Date.now();
    const { token } = await tokens.sign({
      userId,
      email: 'a@example.com',
      roles: ['employee'],
      permissions: [],
      sessionId: '6f1c2a9e-8a4b-4c55-9d1e-0a1b2c3d4e5f',
    });
    const result = await authorizer(event(`Bearer ${token}`));
    const context = result.context as Record<string, unknown>;
    expect(context).toMatchObject({ authenticated: true, sid: '6f1c2a9e-8a4b-4c55-9d1e-0a1b2c3d4e5f' });
    expect((context.iat as number) * 1000).toBeGreaterThanOrEqual(before);
    expect((context.iat as number) * 1000).toBeLessThanOrEqual(Date.now());
    const verdict = fromAuthorizerContext(context);
    expect(verdict).toMatchObject({
      actor: { userId, sessionId: '6f1c2a9e-8a4b-4c55-9d1e-0a1b2c3d4e5f' },
      issuedAt: context.iat,
    });
    // A context from an authorizer that predates iat/sid still reads (iat unknown, no session).
    const { iat: _iat, sid: _sid, ...old } = context;
    expect(fromAuthorizerContext(old)).toMatchObject({ actor: { userId }, issuedAt: undefined });
    expect('sessionId' in (fromAuthorizerContext(old) as { actor: object }).actor).toBe(false);
  });

  const cases: [string, () => string | undefined | Promise<string>, 'missing' | 'malformed' | 'expired' | 'invalid'][] =
    [
      ['no Authorization header', () => undefined, 'missing'],
      ['another scheme', () => 'Basic YWRtaW46YWRtaW4=', 'missing'],
      ['garbage', () => 'Bearer not.a.jwt', 'malformed'],
      ['an expired token', async () => `Bearer ${await badTokens.expired(userId)}`, 'expired'],
      ['alg: none', () => `Bearer ${badTokens.algNone(userId)}`, 'invalid'],
      ['a foreign key', async () => `Bearer ${await badTokens.foreignKey(userId)}`, 'invalid'],
      [
        'a tampered payload',
        async () => {
          const { token } = await tokens.sign({ userId, email: 'a@example.com', roles: ['employee'], permissions: [] });
          return `Bearer ${badTokens.tampered(token)}`;
        },
        'invalid',
      ],
    ];
  it.each(cases)('passes %s on as an unauthenticated verdict', async (_name, header, reason) => {
    const result = await authorizer(event(await header()));
    expect(result.isAuthorized).toBe(true);
    expect(result.context).toEqual({ authenticated: false, reason });
    expect(fromAuthorizerContext(result.context as Record<string, unknown>)).toEqual({ rejection: reason });
  });

  it('denies outright when it cannot verify at all (no signing key)', async () => {
    const broken = createAuthorizer({ getAccessTokens: () => Promise.reject(new Error('secret not reachable')) });
    const { token } = await tokens.sign({ userId, email: 'a@example.com', roles: [], permissions: [] });
    expect((await broken(event(`Bearer ${token}`))).isAuthorized).toBe(false);
  });

  it('a cached verdict is not trusted past the token expiry', () => {
    const past = Math.floor(Date.now() / 1000) - 1;
    const verdict = fromAuthorizerContext({
      authenticated: true,
      userId,
      email: 'a@example.com',
      roles: '',
      permissions: '*',
      exp: past,
    });
    expect(verdict).toEqual({ rejection: 'expired' });
  });
});
