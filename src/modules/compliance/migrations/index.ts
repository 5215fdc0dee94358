import type { Migration } from 'kysely';
import * as m0500 from './2026-12-07T0500_compliance_create.js';
import * as m0600 from './2026-12-07T0600_compliance_policies.js';
import * as m0200r from './2026-12-08T0200_compliance_reports.js';
import * as m0300pr from './2026-12-08T0300_compliance_privacy_requests.js';
import * as m0400cp from './2026-12-08T0400_compliance_control_policies.js';

export const complianceMigrations: Record<string, Migration> = {
  '2026-12-07T0500_compliance_create': m0500,
  '2026-12-07T0600_compliance_policies': m0600,
  '2026-12-08T0200_compliance_reports': m0200r,
  '2026-12-08T0300_compliance_privacy_requests': m0300pr,
  '2026-12-08T0400_compliance_control_policies': m0400cp,
};
