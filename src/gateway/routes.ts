/**
 * The route table: the single source of truth for which path goes to which Lambda function and
 * which routes API Gateway runs the authorizer for. The CDK app builds the HTTP API from it and the
 * local emulator routes with it, so the two cannot drift apart.
 */
export type FunctionName = 'standardApi' | 'containerizedApi';
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
const containerized = (path: string): Route => ({
  method: 'ANY',
  path,
  function: 'containerizedApi',
  authorizer: true,
});

/** The seed's "Module Distribution": standard modules on the zip Lambda, heavy ones on the container. */
export const STANDARD_MODULES = [
  'auth',
  'audit',
  'hr',
  'crm',
  'finance',
  'projects',
  'strategy',
  'supply-chain',
] as const;
export const CONTAINERIZED_MODULES = ['analytics', 'automation', 'compliance'] as const;

export const routes: readonly Route[] = [
  standard('GET', '/api/health', false),
  standard('GET', '/api/openapi.json', false),
  standard('GET', '/api/docs', false),
  // Signing in needs no token: these skip the authorizer.
  standard('POST', '/api/v1/auth/login', false),
  standard('POST', '/api/v1/auth/refresh', false),
  standard('POST', '/api/v1/auth/logout', false),
  ...STANDARD_MODULES.map((m) => standard('ANY', `/api/v1/${m}/{proxy+}`)),
  { method: 'GET', path: '/api/containerized/health', function: 'containerizedApi', authorizer: false },
  { method: 'GET', path: '/api/containerized/openapi.json', function: 'containerizedApi', authorizer: false },
  ...CONTAINERIZED_MODULES.map((m) => containerized(`/api/v1/${m}/{proxy+}`)),
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
