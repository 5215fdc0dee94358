import type { DemoGenerator } from '../../platform/demo/demo.js';
import * as repo from './auth.repository.js';
import { hashPassword } from './password.js';
import { createUser } from './users.service.js';

export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_DOMAIN = 'demo.moms.local';

/** Demo people: a few managers, an auditor, and employees; all sign in with DEMO_PASSWORD. */
export const authDemo: DemoGenerator = {
  module: 'auth',
  async generate({ db, faker, size, log }) {
    if (await repo.findUserByEmail(db, `manager1@${DEMO_DOMAIN}`)) {
      log('auth: demo users already present; skipped');
      return;
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const ctx = { actor: null, requestId: 'demo' };
    const people = Math.max(5, Math.round(25 * size));
    const managers = Math.max(1, Math.round(people / 8));
    for (let i = 1; i <= people; i++) {
      const first = faker.person.firstName();
      const last = faker.person.lastName();
      const role = i <= managers ? 'manager' : i === managers + 1 ? 'auditor' : 'employee';
      const email = role === 'manager' ? `manager${i}@${DEMO_DOMAIN}` : `${first}.${last}.${i}@${DEMO_DOMAIN}`;
      await createUser(db, ctx, {
        email: email.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
        name: `${first} ${last}`,
        roles: role === 'employee' ? ['employee'] : [role, 'employee'],
        passwordHash,
      });
    }
    log(
      `auth: ${people} people (${managers} managers, 1 auditor); password "${DEMO_PASSWORD}", e.g. manager1@${DEMO_DOMAIN}`,
    );
  },
};
