import { noteTokenCutoff, type TokenCutoffs } from '../../platform/auth/token-revocation.js';
import type { Db, Tx } from '../../platform/db/database.js';
import * as repo from './auth.repository.js';

/**
 * Ending access tokens before they expire (docs/adr/0010). A service calls `cutUserTokens` /
 * `cutRoleTokens` inside its transaction — after locking the user (or role), so that no token is
 * issued for them between the cutoff and the commit — and `applied` after the commit, so this process
 * refuses the old tokens at once; other processes do within TOKEN_REVOCATION_CACHE_SECONDS.
 */
export type TokenCutoff =
  | { userId: string; at: Date }
  | { role: string; at: Date }
  /** A session signed out or revoked (its refresh-token family): the access tokens issued for it end too. */
  | { sessionId: string; at: Date };

export async function cutUserTokens(trx: Tx, userId: string): Promise<TokenCutoff> {
  const at = new Date();
  await repo.setUserTokenCutoff(trx, userId, at);
  return { userId, at };
}

export async function cutRoleTokens(trx: Tx, role: string): Promise<TokenCutoff> {
  const at = new Date();
  await repo.setRoleTokenCutoff(trx, role, at);
  return { role, at };
}

/** After the commit. Inside a caller's transaction (`db` is one) there is nothing to do yet: the reload finds them. */
export function applied(db: Db, cutoffs: readonly TokenCutoff[]) {
  if (db.isTransaction) return;
  for (const cutoff of cutoffs) {
    const { at, ...target } = cutoff;
    noteTokenCutoff(db, target, at.getTime());
  }
}

/** What the API functions' revocation check loads every few seconds: every cutoff later than `since`. */
export async function loadTokenCutoffs(db: Db, since: Date): Promise<TokenCutoffs> {
  const cutoffs = {
    users: new Map<string, number>(),
    roles: new Map<string, number>(),
    sessions: new Map<string, number>(),
  };
  const maps = { user: cutoffs.users, role: cutoffs.roles, session: cutoffs.sessions };
  for (const row of await repo.tokenCutoffsSince(db, since)) maps[row.kind].set(row.key, new Date(row.at).getTime());
  return cutoffs;
}
