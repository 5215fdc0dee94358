import type { Migration } from 'kysely';
import * as m0900 from './2026-11-25T0900_platform_create_audit_and_idempotency.js';

/** Gathered by explicit import (no file-system scan), so a bundled Lambda can run them. */
export const platformMigrations: Record<string, Migration> = {
  '2026-11-25T0900_platform_create_audit_and_idempotency': m0900,
};
