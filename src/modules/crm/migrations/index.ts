import type { Migration } from 'kysely';
import * as m1500 from './2026-11-25T1500_crm_create.js';

export const crmMigrations: Record<string, Migration> = {
  '2026-11-25T1500_crm_create': m1500,
};
