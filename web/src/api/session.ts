import type { components } from './schema';

export type Me = components['schemas']['Me'];
type SessionDto = components['schemas']['Session'];

/**
 * Tokens. The access token lives only in memory; the refresh token (the API returns it in the body,
 * not as a cookie) is kept in localStorage so a reload or a new tab stays signed in. Refreshes are
 * single-flight within a tab and serialized across tabs (Web Locks), so a rotated refresh token is
 * never spent twice (which the API treats as theft and answers by revoking the whole chain).
 */
const REFRESH_KEY = 'moms.refreshToken';

export type SessionEvent = { type: 'signed-in'; user: Me } | { type: 'signed-out'; reason: 'logout' | 'expired' };

let accessToken: string | null = null;
const listeners = new Set<(event: SessionEvent) => void>();

export function onSessionChange(listener: (event: SessionEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getAccessToken(): string | null {
  return accessToken;
}

function storedRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

export function startSession(session: SessionDto): void {
  accessToken = session.accessToken;
  localStorage.setItem(REFRESH_KEY, session.refreshToken);
  for (const l of listeners) l({ type: 'signed-in', user: session.user });
}

export function endSession(reason: 'logout' | 'expired'): void {
  const had = accessToken !== null || storedRefreshToken() !== null;
  accessToken = null;
  localStorage.removeItem(REFRESH_KEY);
  if (had || reason === 'logout') for (const l of listeners) l({ type: 'signed-out', reason });
}

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

let refreshing: Promise<SessionDto | null> | null = null;

async function refreshNow(): Promise<SessionDto | null> {
  const refreshToken = storedRefreshToken();
  if (!refreshToken) return null;
  const res = await postJson('/api/v1/auth/refresh', { refreshToken });
  if (!res.ok) return null;
  const session = (await res.json()) as SessionDto;
  startSession(session);
  return session;
}

/**
 * Exchanges the refresh token for new tokens; null when that is not possible (signed out).
 * `staleToken`: the access token a 401 answered — when another call already replaced it, no new refresh.
 */
export async function refreshSession(staleToken?: string | null): Promise<{ accessToken: string; user?: Me } | null> {
  if (staleToken !== undefined && accessToken && accessToken !== staleToken) return { accessToken };
  refreshing ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return locks ? await locks.request('moms.refresh', refreshNow) : await refreshNow();
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * Signs in with email and password. With two-factor authentication the answer is a challenge instead
 * of tokens (`twoFactorRequired`): the sign-in page continues with /login/two-factor (web/src/auth/twoFactor.ts).
 */
export async function login(email: string, password: string): Promise<Response> {
  const res = await postJson('/api/v1/auth/login', { email, password });
  if (res.ok) {
    const body = (await res.clone().json()) as components['schemas']['LoginResult'];
    if ('accessToken' in body) startSession(body);
  }
  return res;
}

export async function logout(): Promise<void> {
  const refreshToken = storedRefreshToken();
  if (refreshToken) await postJson('/api/v1/auth/logout', { refreshToken }).catch(() => undefined);
  endSession('logout');
}
