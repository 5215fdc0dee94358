import type { Db } from '../db/database.js';

/**
 * Access-token revocation (docs/adr/0010). An access token is a signed statement that lives until it
 * expires; to end one early, the owner of the users and roles (the auth module) records a cutoff — a
 * user's or a role's `tokens_valid_after` — and every token of that user (or carrying that role)
 * issued at or before it is refused. The API function keeps the cutoffs of the last token lifetime in
 * memory, reloads them at most every `cacheSeconds` (one small indexed query, whatever the traffic),
 * and so adds no query to a request; a revocation made in this process applies at once
 * (`noteTokenCutoff`), one made elsewhere within `cacheSeconds`.
 */

/**
 * Cutoffs in epoch milliseconds: user id → cutoff, role name → cutoff, and session id (a token's `sid`)
 * → when that session was signed out or revoked.
 */
export interface TokenCutoffs {
  users: ReadonlyMap<string, number>;
  roles: ReadonlyMap<string, number>;
  sessions: ReadonlyMap<string, number>;
}

type CutoffKind = keyof TokenCutoffs;
const KINDS: readonly CutoffKind[] = ['users', 'roles', 'sessions'];

/** Every cutoff later than `since` (the auth module's `loadTokenCutoffs`). */
export type LoadTokenCutoffs = (db: Db, since: Date) => Promise<TokenCutoffs>;

export interface TokenRevocationOptions {
  load: LoadTokenCutoffs;
  /** How long loaded cutoffs are trusted: a revocation made by another process applies within this. */
  cacheSeconds: number;
  /** The access-token lifetime (ACCESS_TOKEN_TTL_SECONDS): older cutoffs cannot concern a live token. */
  maxTokenAgeSeconds: number;
  /** The clock, epoch milliseconds (tests). */
  now?: () => number;
}

export interface TokenToCheck {
  userId: string;
  roles: readonly string[];
  /** `sid`: the session (refresh-token family) the token was issued for, when known. */
  sessionId?: string | undefined;
  /** `iat`, seconds since the epoch (with milliseconds); undefined when unknown. */
  issuedAt: number | undefined;
  /** `exp`, seconds since the epoch. */
  expiresAt: number;
}

export interface TokenRevocation {
  /** True when the token was issued at or before a cutoff of its user, its session or one of its roles. */
  isRevoked(db: Db, token: TokenToCheck): Promise<boolean>;
}

/** Tokens are compared with cutoffs a minute further back than their lifetime (clock skew between processes). */
const MARGIN_MS = 60_000;

type Cutoffs = Record<CutoffKind, Map<string, number>>;

interface Snapshot extends Cutoffs {
  loadedAt: number;
}

interface State {
  snapshot?: Snapshot;
  loading?: Promise<Snapshot>;
  /** Cutoffs this process made, merged into every reload (a reload may have started before they committed). */
  noted: Cutoffs;
}

/** Per database (one per process on Lambda; one per test database in tests). */
const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let state = states.get(db);
  if (!state) {
    state = { noted: { users: new Map(), roles: new Map(), sessions: new Map() } };
    states.set(db, state);
  }
  return state;
}

function raise(map: Map<string, number>, key: string, at: number) {
  const current = map.get(key);
  if (current === undefined || current < at) map.set(key, at);
}

/**
 * Tells this process about a cutoff its own code just committed, so it applies here at once (other
 * processes see it within their cache time). Call after the transaction that wrote it commits.
 */
export function noteTokenCutoff(
  db: Db,
  target: { userId: string } | { role: string } | { sessionId: string },
  atMs: number,
): void {
  const state = stateOf(db);
  const [kind, key] =
    'userId' in target
      ? (['users', target.userId] as const)
      : 'role' in target
        ? (['roles', target.role] as const)
        : (['sessions', target.sessionId] as const);
  raise(state.noted[kind], key, atMs);
  if (state.snapshot) raise(state.snapshot[kind], key, atMs);
}

export function createTokenRevocation(options: TokenRevocationOptions): TokenRevocation {
  const now = options.now ?? Date.now;
  const cacheMs = Math.max(0, options.cacheSeconds * 1000);
  const lookbackMs = options.maxTokenAgeSeconds * 1000 + MARGIN_MS;

  async function reload(db: Db, state: State): Promise<Snapshot> {
    const startedAt = now();
    const loaded = await options.load(db, new Date(startedAt - lookbackMs));
    const snapshot: Snapshot = {
      loadedAt: startedAt,
      users: new Map(loaded.users),
      roles: new Map(loaded.roles),
      sessions: new Map(loaded.sessions),
    };
    for (const kind of KINDS) {
      for (const [key, at] of state.noted[kind]) {
        if (at < startedAt - lookbackMs) state.noted[kind].delete(key);
        else raise(snapshot[kind], key, at);
      }
    }
    state.snapshot = snapshot;
    return snapshot;
  }

  async function cutoffs(db: Db, nowMs: number): Promise<Snapshot> {
    const state = stateOf(db);
    if (state.snapshot && nowMs - state.snapshot.loadedAt < cacheMs) return state.snapshot;
    state.loading ??= reload(db, state).finally(() => {
      state.loading = undefined;
    });
    return state.loading;
  }

  return {
    async isRevoked(db, token) {
      const nowMs = now();
      // Unknown `iat` (an authorizer older than ADR 0010): assume the token lived its whole lifetime.
      const issuedMs =
        token.issuedAt !== undefined
          ? Math.round(token.issuedAt * 1000)
          : token.expiresAt * 1000 - options.maxTokenAgeSeconds * 1000;
      // Older than any token this configuration issues: its cutoffs are no longer loaded, so refuse it.
      if (issuedMs < nowMs - lookbackMs) return true;
      const { users, roles, sessions } = await cutoffs(db, nowMs);
      const userCutoff = users.get(token.userId);
      if (userCutoff !== undefined && issuedMs <= userCutoff) return true;
      const sessionCutoff = token.sessionId === undefined ? undefined : sessions.get(token.sessionId);
      if (sessionCutoff !== undefined && issuedMs <= sessionCutoff) return true;
      return token.roles.some((role) => {
        const roleCutoff = roles.get(role);
        return roleCutoff !== undefined && issuedMs <= roleCutoff;
      });
    },
  };
}
