import type { Migration } from 'kysely';
import * as m0910 from './2026-11-25T0910_auth_create_users_roles_sessions.js';
import * as m1310 from './2026-11-25T1310_auth_finance_roles.js';
import * as m1520 from './2026-11-25T1520_auth_crm_roles.js';
import * as m1600 from './2026-11-25T1600_auth_hr_roles.js';
import * as m1203 from './2026-12-03T1200_auth_role_grants.js';
import * as m1300 from './2026-12-03T1300_auth_least_privilege_manager.js';
import * as m1400 from './2026-12-03T1400_auth_throttle_and_token_cutoffs.js';
import * as m1204 from './2026-12-04T1200_auth_two_factor.js';
import * as sessionCutoffs from './2026-12-04T1500_auth_session_cutoffs.js';
import * as employeeReadsCrm from './2026-12-05T0800_auth_employee_reads_crm.js';

export const authMigrations: Record<string, Migration> = {
  '2026-11-25T0910_auth_create_users_roles_sessions': m0910,
  '2026-11-25T1310_auth_finance_roles': m1310,
  '2026-11-25T1520_auth_crm_roles': m1520,
  '2026-11-25T1600_auth_hr_roles': m1600,
  '2026-12-03T1200_auth_role_grants': m1203,
  '2026-12-03T1300_auth_least_privilege_manager': m1300,
  '2026-12-03T1400_auth_throttle_and_token_cutoffs': m1400,
  '2026-12-04T1200_auth_two_factor': m1204,
  '2026-12-04T1500_auth_session_cutoffs': sessionCutoffs,
  '2026-12-05T0800_auth_employee_reads_crm': employeeReadsCrm,
};
