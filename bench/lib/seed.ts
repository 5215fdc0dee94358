import { createUser } from '../../src/modules/auth/index.js';
import type { Db } from '../../src/platform/db/database.js';

/** Not a scrypt hash, so nobody can sign in as these users, and seeding costs no hashing. */
const NO_LOGIN = 'bench$no-login';
const ROLES = [['employee'], ['manager', 'employee'], ['auditor'], []] as const;

/** Adds `count` users with a mix of roles, through the auth module (audited, like any other user). */
export async function seedUsers(db: Db, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await createUser(
      db,
      { actor: null, requestId: 'bench' },
      {
        email: `user${String(i).padStart(4, '0')}@bench.moms.local`,
        name: `Bench User ${i}`,
        roles: [...ROLES[i % ROLES.length]!],
        passwordHash: NO_LOGIN,
      },
    );
  }
}
