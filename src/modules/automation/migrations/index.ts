import type { Migration } from 'kysely';
import * as m0400 from './2026-12-06T0400_automation_create.js';
import * as m0703 from './2026-12-07T0300_automation_vault_webhooks.js';
import * as m0704 from './2026-12-07T0400_automation_engine_more.js';
import * as m0801 from './2026-12-08T0100_automation_manual_record.js';

export const automationMigrations: Record<string, Migration> = {
  '2026-12-06T0400_automation_create': m0400,
  '2026-12-07T0300_automation_vault_webhooks': m0703,
  '2026-12-07T0400_automation_engine_more': m0704,
  '2026-12-08T0100_automation_manual_record': m0801,
};
