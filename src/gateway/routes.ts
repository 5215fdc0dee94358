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

/** A route's path taken apart once: literal segments, `{name}` variables, a trailing greedy `{name+}`. */
interface CompiledRoute {
  route: Route;
  method: HttpMethod;
  /** Each segment: a literal to equal, or the name of the variable it binds. */
  parts: { literal?: string; variable?: string }[];
  greedy: string | undefined;
  score: number;
}

const compiledTables = new WeakMap<readonly Route[], CompiledRoute[]>();

function compileTable(table: readonly Route[]): CompiledRoute[] {
  let compiled = compiledTables.get(table);
  if (compiled) return compiled;
  compiled = table.map((route) => {
    const segments = route.path.split('/').filter(Boolean);
    const last = segments.at(-1);
    const greedyMatch = last === undefined ? null : /^\{(\w+)\+\}$/.exec(last);
    const fixed = greedyMatch ? segments.slice(0, -1) : segments;
    const parts = fixed.map((part) => {
      const variable = /^\{(\w+)\}$/.exec(part);
      return variable ? { variable: variable[1]! } : { literal: part };
    });
    const literal = parts.filter((p) => p.literal !== undefined).length;
    return {
      route,
      method: route.method,
      parts,
      greedy: greedyMatch?.[1],
      score: (greedyMatch ? 0 : 1_000_000) + literal * 10 + (route.method === 'ANY' ? 0 : 1),
    };
  });
  compiledTables.set(table, compiled);
  return compiled;
}

/**
 * API Gateway HTTP API's selection: the most specific route wins: a path without a greedy variable
 * beats one with it, more literal segments beat fewer, and a route for the method beats `ANY`.
 * (Each table's paths are taken apart once, on its first use.)
 */
export function matchRoute(method: string, path: string, table: readonly Route[] = routes): RouteMatch | undefined {
  let best: { match: RouteMatch; score: number } | undefined;
  const upper = method.toUpperCase();
  const segments = path.split('/').filter(Boolean).map(safeDecode);
  for (const compiled of compileTable(table)) {
    if (compiled.method !== 'ANY' && compiled.method !== upper) continue;
    if (best && compiled.score <= best.score) continue;
    const params = matchPath(compiled, segments);
    if (params) best = { match: { route: compiled.route, pathParameters: params }, score: compiled.score };
  }
  return best?.match;
}

function safeDecode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchPath(compiled: CompiledRoute, segments: string[]): Record<string, string> | undefined {
  const { parts, greedy } = compiled;
  if (greedy ? segments.length <= parts.length : segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.variable !== undefined) params[part.variable] = segment;
    else if (part.literal !== segment) return undefined;
  }
  // `{proxy+}` takes the rest, at least one segment.
  if (greedy) params[greedy] = segments.slice(parts.length).join('/');
  return params;
}
