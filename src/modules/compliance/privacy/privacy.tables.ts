import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type PrivacyRequestKind = 'export' | 'erasure';
export type PrivacyRequestStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** What the request row keeps of the report: counts, never the personal data. */
export interface PrivacySummary {
  modules: { module: string; sections?: Record<string, number>; anonymized?: number; retained?: number }[];
  /** Export: records exported; erasure: records anonymized. */
  records: number;
  retained: { module: string; what: string; count: number; reason: string }[];
  /** False when the subject did not exist (nothing was exported or erased). */
  subjectFound: boolean;
}

/** A privacy request (privacy/, docs/adr/0025), merged into Database like the module's other tables. */
export interface PrivacyRequestsTable {
  id: Generated<string>;
  kind: PrivacyRequestKind;
  subject_type: string;
  subject_id: string;
  reason: string;
  status: Generated<PrivacyRequestStatus>;
  error: string | null;
  job_id: string | null;
  summary: JSONColumnType<PrivacySummary | null, string | null, string | null>;
  file_key: string | null;
  file_name: string | null;
  /** bigint: comes back as a string. */
  file_size: ColumnType<string | null, number | null | undefined, number | null>;
  file_sha256: string | null;
  requested_by: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date | string>;
  finished_at: Date | null;
}

declare module '../../../platform/db/database.js' {
  interface Database {
    'compliance.privacy_requests': PrivacyRequestsTable;
  }
}
