import { describe, expect, it } from 'vitest';
import { modules } from '../app/modules.js';
import { matchRoute, routeKey, routes, type Route } from './routes.js';

const key = (method: string, path: string) => {
  const match = matchRoute(method, path);
  return match ? routeKey(match.route) : undefined;
};

describe('the route table', () => {
  it('sends sign-in to standardApi without the authorizer, the rest of auth with it', () => {
    expect(matchRoute('POST', '/api/v1/auth/login')?.route).toMatchObject({
      function: 'standardApi',
      authorizer: false,
    });
    expect(matchRoute('GET', '/api/v1/auth/me')?.route).toMatchObject({ function: 'standardApi', authorizer: true });
    // Only POST /login is public: another method on the same path falls to the protected greedy route.
    expect(key('GET', '/api/v1/auth/login')).toBe('ANY /api/v1/auth/{proxy+}');
  });

  it('sends each module to the function its manifest names, and nothing else under /api/v1', () => {
    expect(modules.length).toBeGreaterThan(0);
    for (const m of modules) {
      expect(matchRoute('POST', `${m.basePath}/reports/1`)?.route.function).toBe(m.function);
    }
    expect(matchRoute('GET', '/api/v1/no-such-module/anything')).toBeUndefined();
  });

  it('every /api/v1 route but sign-in is protected', () => {
    const open = routes.filter((r) => r.path.startsWith('/api/v1/') && !r.authorizer).map(routeKey);
    expect(open.sort()).toEqual([
      'POST /api/v1/auth/login',
      // the second step of signing in, and the enrolment a role's two-factor requirement forces on it
      'POST /api/v1/auth/login/two-factor',
      'POST /api/v1/auth/login/two-factor/enrolment',
      'POST /api/v1/auth/login/two-factor/enrolment/confirm',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/refresh',
      // an inbound webhook: its Standard Webhooks signature authenticates it (automation, ADR 0020)
      'POST /api/v1/automation/hooks/{id}',
    ]);
  });

  it('has no duplicate route keys (API Gateway would refuse them)', () => {
    const keys = routes.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('picks the most specific route as API Gateway does', () => {
    const table: Route[] = [
      { method: 'ANY', path: '/a/{proxy+}', function: 'standardApi', authorizer: true },
      { method: 'GET', path: '/a/{proxy+}', function: 'standardApi', authorizer: true },
      { method: 'ANY', path: '/a/b/{proxy+}', function: 'containerizedApi', authorizer: true },
      { method: 'GET', path: '/a/{id}/c', function: 'standardApi', authorizer: false },
    ];
    const pick = (method: string, path: string) => {
      const m = matchRoute(method, path, table);
      return m && { key: routeKey(m.route), params: m.pathParameters };
    };
    expect(pick('GET', '/a/x/c')).toEqual({ key: 'GET /a/{id}/c', params: { id: 'x' } });
    expect(pick('GET', '/a/b/c/d')).toEqual({ key: 'ANY /a/b/{proxy+}', params: { proxy: 'c/d' } });
    expect(pick('GET', '/a/z')).toEqual({ key: 'GET /a/{proxy+}', params: { proxy: 'z' } });
    expect(pick('DELETE', '/a/z')).toEqual({ key: 'ANY /a/{proxy+}', params: { proxy: 'z' } });
    expect(pick('GET', '/a')).toBeUndefined(); // a greedy variable needs at least one segment
    expect(pick('GET', '/elsewhere')).toBeUndefined();
  });
});
