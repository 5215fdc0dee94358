import { loadConfig } from '../../platform/config/config.js';
import type { Db } from '../../platform/db/database.js';
import { defaultLogN } from './password.js';
import { PASSWORD_CHANGE_POLICY, SIGN_IN_POLICY } from './sign-in-throttle.js';

/** What a new password must be (auth.schemas.ts validates with these). */
export const PASSWORD_RULES = { minLength: 12, maxLength: 200 } as const;

export interface PasswordPolicyReport {
  password: { minLength: number; maxLength: number; temporaryPasswordsMustBeChanged: true };
  hashing: { algorithm: 'scrypt'; logN: number; r: number; p: number; storedBelowCurrentCost: number };
  signInThrottling: typeof SIGN_IN_POLICY;
  passwordChangeThrottling: typeof PASSWORD_CHANGE_POLICY;
  /** Accounts are never locked outright: throttling slows guessing without letting a stranger lock anyone out. */
  accountLockout: 'throttled-not-locked';
  sessions: { accessTokenTtlSeconds: number; refreshTokenTtlSeconds: number };
  twoFactor: { rolesRequiring: string[]; usersEnrolled: number; activeUsers: number };
  /** Active users still holding a temporary password. */
  activeUsersWithTemporaryPassword: number;
}

/**
 * For Compliance's password-and-lockout collector: the password and sign-in policy in force in this
 * deployment (the code's rules and the configuration), and how the stored accounts stand against it.
 */
export async function passwordPolicy(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<PasswordPolicyReport> {
  const config = loadConfig(env);
  const logN = defaultLogN();
  const users = await db
    .selectFrom('auth.users')
    .select(['id', 'status', 'password_hash', 'must_change_password'])
    .execute();
  const active = users.filter((u) => u.status === 'active');
  const roles = await db
    .selectFrom('auth.roles')
    .select('name')
    .where('require_two_factor', '=', true)
    .orderBy('name')
    .execute();
  const enrolled = await db
    .selectFrom('auth.two_factor')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('enabled_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    password: { ...PASSWORD_RULES, temporaryPasswordsMustBeChanged: true },
    hashing: {
      algorithm: 'scrypt',
      logN,
      r: 8,
      p: 1,
      // `scrypt$<logN>$…`: the cost travels with each hash; one made at a lower cost keeps it until the password changes.
      storedBelowCurrentCost: active.filter((u) => Number(u.password_hash.split('$')[1]) < logN).length,
    },
    signInThrottling: SIGN_IN_POLICY,
    passwordChangeThrottling: PASSWORD_CHANGE_POLICY,
    accountLockout: 'throttled-not-locked',
    sessions: {
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    },
    twoFactor: {
      rolesRequiring: roles.map((r) => r.name),
      usersEnrolled: Number(enrolled.n),
      activeUsers: active.length,
    },
    activeUsersWithTemporaryPassword: active.filter((u) => u.must_change_password).length,
  };
}
