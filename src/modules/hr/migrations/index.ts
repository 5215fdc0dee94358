import type { Migration } from 'kysely';
import * as m1600 from './2026-11-25T1600_hr_core.js';
import * as m1610 from './2026-11-25T1610_hr_leave.js';
import * as m1620 from './2026-11-25T1620_hr_payroll.js';

export const hrMigrations: Record<string, Migration> = {
  '2026-11-25T1600_hr_core': m1600,
  '2026-11-25T1610_hr_leave': m1610,
  '2026-11-25T1620_hr_payroll': m1620,
};
