import type { Migration } from 'kysely';
import * as m0900 from './2026-11-25T0900_platform_create_audit_and_idempotency.js';
import * as m1300 from './2026-12-04T1300_platform_create_outbox_jobs_schedules.js';
import * as m1400 from './2026-12-04T1400_platform_create_files.js';
import * as m1500 from './2026-12-04T1500_platform_housekeeping_indexes.js';
import * as notifications from './2026-12-05T0810_platform_create_notifications.js';
import * as savedViews from './2026-12-05T0910_platform_saved_views.js';

/** Gathered by explicit import (no file-system scan), so a bundled Lambda can run them. */
export const platformMigrations: Record<string, Migration> = {
  '2026-11-25T0900_platform_create_audit_and_idempotency': m0900,
  '2026-12-04T1300_platform_create_outbox_jobs_schedules': m1300,
  '2026-12-04T1400_platform_create_files': m1400,
  '2026-12-04T1500_platform_housekeeping_indexes': m1500,
  '2026-12-05T0810_platform_create_notifications': notifications,
  '2026-12-05T0910_platform_saved_views': savedViews,
};
