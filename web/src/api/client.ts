import createClient from 'openapi-fetch';
import { ProblemError } from './problem';
import type { paths } from './schema';
import { endSession, getAccessToken, refreshSession } from './session';

const AUTH_FREE = /\/api\/v1\/auth\/(login|refresh|logout)$/;

/**
 * fetch with the signed-in user's access token. On a 401 it refreshes the tokens once (single-flight)
 * and retries; when the refresh fails the session ends (the app shows the sign-in page).
 * Use it for anything the typed client cannot express (file downloads, endpoints not in schema.d.ts yet).
 */
export async function authFetch(input: Request | string, init?: RequestInit): Promise<Response> {
  const request = typeof input === 'string' ? new Request(input, init) : input;
  const retry = request.clone();
  const token = getAccessToken();
  if (token) request.headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(request);
  if (response.status !== 401 || AUTH_FREE.test(new URL(request.url).pathname)) return response;
  const session = await refreshSession(token);
  if (!session) {
    endSession('expired');
    return response;
  }
  retry.headers.set('authorization', `Bearer ${session.accessToken}`);
  return fetch(retry);
}

/** The typed API client: `api.GET('/api/v1/auth/users', { params: { query: { q: 'ada' } } })`. */
export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: (request) => authFetch(request) });

interface Result<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * `{ data, error }` → data, or throws a ProblemError. The shape every query and mutation uses:
 * `queryFn: () => unwrap(api.GET('/api/v1/auth/roles'))`.
 */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<NonNullable<D>> {
  let result: Result<D>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    throw ProblemError.from(undefined); // network failure
  }
  if (!result.response.ok || result.error !== undefined) throw ProblemError.from(result.error, result.response);
  return result.data as NonNullable<D>;
}

export function withQuery(path: string, query?: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

// ---- Lists -------------------------------------------------------------------------------------

/** One page of a cursor-paginated list (src/platform/http/pagination.ts). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What DataTable asks a list endpoint for. Filters are added as further query parameters. */
export type ListQuery = { limit: number; cursor?: string; sort?: string } & Record<string, string | number | undefined>;

type PageBody = { items: unknown[]; nextCursor: string | null };
/** Every GET path whose 200 answer is a page `{ items, nextCursor }`. */
export type ListPath = {
  [P in keyof paths]: paths[P] extends { get: { responses: { 200: { content: { 'application/json': PageBody } } } } }
    ? P
    : never;
}[keyof paths];
export type ListItem<P extends ListPath> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': { items: (infer T)[] } } } } };
}
  ? T
  : never;

/**
 * A DataTable `fetchPage` for a list endpoint, typed from schema.d.ts:
 * `fetchPage={listFetcher('/api/v1/auth/users')}`. `pathParams` fills `{id}`-style segments.
 */
export function listFetcher<P extends ListPath>(
  path: P,
  pathParams?: Record<string, string>,
): (query: ListQuery) => Promise<Page<ListItem<P>>> {
  return async (query) => {
    let url: string = path;
    for (const [k, v] of Object.entries(pathParams ?? {})) url = url.replace(`{${k}}`, encodeURIComponent(v));
    const res = await authFetch(withQuery(url, query));
    if (!res.ok) throw await ProblemError.fromResponse(res);
    return (await res.json()) as Page<ListItem<P>>;
  };
}

/** Downloads a file (e.g. a list's export.csv) with the user's token. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const res = await authFetch(path);
  if (!res.ok) throw await ProblemError.fromResponse(res);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
