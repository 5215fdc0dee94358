import type { Migration } from 'kysely';
import * as m0400 from './2026-12-06T0400_automation_create.js';

export const automationMigrations: Record<string, Migration> = {
  '2026-12-06T0400_automation_create': m0400,
};
