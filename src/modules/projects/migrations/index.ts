import type { Migration } from 'kysely';
import * as m1700 from './2026-12-04T1700_projects_core.js';
import * as m1710 from './2026-12-04T1710_projects_time_totals.js';
import * as m1900 from './2026-12-04T1900_projects_checklist_items.js';
import * as m0100 from './2026-12-06T0100_projects_views_to_platform.js';

export const projectsMigrations: Record<string, Migration> = {
  '2026-12-04T1700_projects_core': m1700,
  '2026-12-04T1710_projects_time_totals': m1710,
  '2026-12-04T1900_projects_checklist_items': m1900,
  '2026-12-06T0100_projects_views_to_platform': m0100,
};
