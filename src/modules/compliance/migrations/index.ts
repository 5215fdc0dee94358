import type { Migration } from 'kysely';
import * as m0500 from './2026-12-07T0500_compliance_create.js';
import * as m0600 from './2026-12-07T0600_compliance_policies.js';

export const complianceMigrations: Record<string, Migration> = {
  '2026-12-07T0500_compliance_create': m0500,
  '2026-12-07T0600_compliance_policies': m0600,
};
