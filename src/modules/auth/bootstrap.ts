import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AdministratorRequest, AdministratorResult } from '../../platform/modules/module.js';
import { inTransaction } from '../../platform/db/transaction.js';
import * as repo from './auth.repository.js';
import { generatePassword } from './password.js';
import { createUser } from './users.service.js';

const NO_USER = '00000000-0000-0000-0000-000000000000';

export type { AdministratorResult as BootstrapResult } from '../../platform/modules/module.js';

/**
 * First start: when there is no active administrator (a fresh install, or one that only has demo
 * people), create one (from MOMS_ADMIN_EMAIL and
 * MOMS_ADMIN_PASSWORD, or a generated password). Safe when several instances start at once.
 */
export async function ensureAdministrator(db: Db, options: AdministratorRequest): Promise<AdministratorResult | null> {
  const email = (options.email ?? 'admin@moms.local').toLowerCase();
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('moms.auth.bootstrap'))`.execute(trx);
    if ((await repo.countOtherActiveAdministrators(trx, NO_USER)) > 0) return null;
    if (await repo.findUserByEmail(trx, email)) {
      throw new Error(
        `There is no active administrator, and ${email} already belongs to a user who is not one. ` +
          'Set MOMS_ADMIN_EMAIL to another address to create an administrator.',
      );
    }
    const generatedPassword = options.password ? undefined : generatePassword();
    await createUser(
      trx,
      { actor: null, requestId: 'bootstrap' },
      {
        email,
        name: 'Administrator',
        password: options.password ?? generatedPassword!,
        roles: ['admin'],
        mustChangePassword: generatedPassword !== undefined,
      },
    );
    return { created: true, email, ...(generatedPassword ? { generatedPassword } : {}) };
  });
}
