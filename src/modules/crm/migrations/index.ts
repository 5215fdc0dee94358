import type { Migration } from 'kysely';
import * as m1510 from './2026-11-25T1510_crm_core.js';
import * as m1530 from './2026-11-25T1530_crm_search.js';

export const crmMigrations: Record<string, Migration> = {
  '2026-11-25T1510_crm_core': m1510,
  '2026-11-25T1530_crm_search': m1530,
};
