import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AuditLogTable {
  id: Generated<string>; // bigserial, as a string (int8)
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  after: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  request_id: string | null;
  // Filled by the sealer, after commit, in the order records become visible.
  seq: string | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface AuditHeadTable {
  id: number;
  last_seq: string;
  last_hash: string;
  updated_at: Timestamp;
}

export interface IdempotencyKeysTable {
  actor_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_headers: JSONColumnType<Record<string, string> | null, string | null, string | null>;
  response_body: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface PlatformTables {
  'platform.audit_log': AuditLogTable;
  'platform.audit_head': AuditHeadTable;
  'platform.idempotency_keys': IdempotencyKeysTable;
}
