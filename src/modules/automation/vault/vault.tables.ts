// Automation's vault and webhook tables (schema `automation`), merged into Database.
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type CredentialType = 'bearer' | 'basic' | 'header' | 'hmac';
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface CredentialsTable {
  id: Generated<string>;
  name: string;
  type: CredentialType;
  /** `v1.<iv>.<ciphertext>.<tag>` (AES-256-GCM, the credential id as additional data): vault/crypto.ts. */
  secret_encrypted: string;
  /** A masked hint (`••••abcd`), the only trace of the secret the API shows. */
  hint: string;
  created_by: string | null;
  updated_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface WebhookEndpointsTable {
  id: Generated<string>;
  name: string;
  url: string;
  /** Event types, or `['*']` for every event. */
  event_types: Json<string[]>;
  /** An `hmac` credential: the endpoint's `whsec_` signing secret. */
  credential_id: string;
  enabled: Generated<boolean>;
  disabled_reason: string | null;
  consecutive_failures: Generated<number>;
  failing_since: Date | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  endpoint_id: string;
  /** The Standard Webhooks `webhook-id` (`msg_…`): the same on every attempt and replay. */
  message_id: string;
  event_id: string | null;
  event_type: string;
  /** The exact JSON body signed and sent. */
  body: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  finished_at: Date | null;
}

export interface WebhookAttemptsTable {
  delivery_id: string;
  attempt: number;
  url: string;
  request_headers: Json<Record<string, string>>;
  response_status: number | null;
  response_body: string | null;
  duration_ms: number;
  error: string | null;
  attempted_at: ColumnType<Date, Date | undefined, never>;
}

export interface AutomationVaultTables {
  'automation.credentials': CredentialsTable;
  'automation.webhook_endpoints': WebhookEndpointsTable;
  'automation.webhook_deliveries': WebhookDeliveriesTable;
  'automation.webhook_attempts': WebhookAttemptsTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends AutomationVaultTables {}
}
