import type { Migration } from 'kysely';
import * as m1600 from './2026-11-25T1600_hr_core.js';

export const hrMigrations: Record<string, Migration> = {
  '2026-11-25T1600_hr_core': m1600,
};
