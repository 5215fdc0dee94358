/**
 * The route table: the single source of truth for which path goes to which Lambda function and
 * which routes API Gateway runs the authorizer for. The CDK app builds the HTTP API from it and the
 * local emulator routes with it, so the two cannot drift apart.
 */
import { modules } from '../app/modules.js';
import type { FunctionName } from '../platform/modules/module.js';

export type { FunctionName } from '../platform/modules/module.js';
export type HttpMethod = 'ANY' | 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface Route {
  method: HttpMethod;
  /** API Gateway syntax: `{name}` for a segment, a trailing `{proxy+}` for the rest of the path. */
  path: string;
  function: FunctionName;
  /** Run the Lambda REQUEST authorizer before the function (its verdict travels in the context). */
  authorizer: boolean;
}

const standard = (method: HttpMethod, path: string, authorizer = true): Route => ({
  method,
  path,
  function: 'standardApi',
  authorizer,
});

export const routes: readonly Route[] = [
  standard('GET', '/api/health', false),
  standard('GET', '/api/openapi.json', false),
  standard('GET', '/api/docs', false),
  // Every module's prefix on the function its manifest names (src/app/modules.ts), and the routes it
  // serves without a token (signing in).
  ...modules.flatMap((m): Route[] => [
    ...(m.publicRoutes ?? []).map((r) => ({
      method: r.method,
      path: `${m.basePath}${r.path}`,
      function: m.function,
      authorizer: false,
    })),
    { method: 'ANY', path: `${m.basePath}/{proxy+}`, function: m.function, authorizer: true },
    ...(m.baseRoutes ?? []).map((method) => ({ method, path: m.basePath, function: m.function, authorizer: true })),
  ]),
  { method: 'GET', path: '/api/containerized/health', function: 'containerizedApi', authorizer: false },
  { method: 'GET', path: '/api/containerized/openapi.json', function: 'containerizedApi', authorizer: false },
];

export function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

/**
 * API Gateway HTTP API's selection: the most specific route wins: a path without a greedy variable
 * beats one with it, more literal segments beat fewer, and a route for the method beats `ANY`.
 */
export function matchRoute(method: string, path: string, table: readonly Route[] = routes): RouteMatch | undefined {
  let best: { match: RouteMatch; score: number } | undefined;
  const segments = path.split('/').filter(Boolean).map(safeDecode);
  for (const route of table) {
    if (route.method !== 'ANY' && route.method !== method.toUpperCase()) continue;
    const params = matchPath(route.path, segments);
    if (!params) continue;
    const greedy = route.path.endsWith('+}');
    const literal = route.path.split('/').filter((s) => s && !s.startsWith('{')).length;
    const score = (greedy ? 0 : 1_000_000) + literal * 10 + (route.method === 'ANY' ? 0 : 1);
    if (!best || score > best.score) best = { match: { route, pathParameters: params }, score };
  }
  return best?.match;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchPath(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const greedy = /^\{(\w+)\+\}$/.exec(part);
    if (greedy) {
      const rest = segments.slice(i);
      if (rest.length === 0) return undefined; // `{proxy+}` needs at least one segment
      params[greedy[1]!] = rest.join('/');
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    const variable = /^\{(\w+)\}$/.exec(part);
    if (variable) params[variable[1]!] = segment;
    else if (part !== segment) return undefined;
  }
  return parts.length === segments.length ? params : undefined;
}
