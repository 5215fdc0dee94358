import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApiEvent } from '../../../bench/lib/lambda-event.js';
import { createTestApp, type TestApp } from '../../../test/harness/test-app.js';
import { createAuthorizer } from '../../functions/authorizer.js';
import { createContainerizedApiHandler } from '../../functions/containerized-api.js';
import { buildAuthorizerEvent } from '../../gateway/local/events.js';
import { matchRoute, routeKey } from '../../gateway/routes.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('analytics is served by the containerizedApi function', () => {
  it('the route table sends /api/v1/analytics to containerizedApi, behind the authorizer', () => {
    const match = matchRoute('POST', '/api/v1/analytics/query');
    expect(match && routeKey(match.route)).toBe('ANY /api/v1/analytics/{proxy+}');
    expect(match?.route).toMatchObject({ function: 'containerizedApi', authorizer: true });
  });

  it('its Lambda entry point answers an API Gateway v2 event (the authorizer’s verdict in the context)', async () => {
    const admin = await t.userWithRoles(['admin']);
    await t.request('POST', '/api/v1/crm/opportunities', {
      token: admin.token,
      body: { name: 'Gateway', amount: '12.50', currency: 'EUR' },
    });
    const handler = createContainerizedApiHandler(t.runtime);
    const authorizer = createAuthorizer(t.runtime);
    const invoke = async (method: string, path: string, body?: unknown, token = admin.token) => {
      const event = httpApiEvent(method, path, {
        routeKey: 'ANY /api/v1/analytics/{proxy+}',
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      });
      if (body !== undefined) event.body = JSON.stringify(body);
      event.pathParameters = { proxy: path.replace('/api/v1/analytics/', '') };
      const verdict = await authorizer(buildAuthorizerEvent(event));
      expect(verdict.isAuthorized).toBe(true);
      (event.requestContext as { authorizer?: unknown }).authorizer = { lambda: verdict.context ?? {} };
      const res = await handler(event);
      return { status: res.statusCode, headers: res.headers ?? {}, body: JSON.parse(res.body ?? 'null') as unknown };
    };

    const datasets = await invoke('GET', '/api/v1/analytics/datasets');
    expect(datasets.status).toBe(200);
    const result = await invoke('POST', '/api/v1/analytics/query', {
      dataset: 'crm.opportunities',
      measures: ['count', 'totalAmount'],
    });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ rows: [{ currency: 'EUR', count: '1', totalAmount: '12.5000' }] });

    const hostile = await invoke('POST', '/api/v1/analytics/query', { dataset: 'crm.opportunities', limit: 10_001 });
    expect(hostile.status).toBe(422);
    expect(hostile.headers['content-type']).toMatch(/application\/problem\+json/);

    const anonymous = await invoke('GET', '/api/v1/analytics/datasets', undefined, 'not-a-token');
    expect(anonymous.status).toBe(401);
  });
});
