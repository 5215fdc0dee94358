import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  status: Generated<'active' | 'inactive'>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  version: Generated<number>;
  last_login_at: Date | null;
  /** Access tokens of this user issued at or before this are refused (docs/adr/0010). */
  tokens_valid_after: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RolesTable {
  name: string;
  description: string;
  permissions: string[];
  builtin: Generated<boolean>;
  version: Generated<number>;
  /** Access tokens carrying this role issued at or before this are refused (docs/adr/0010). */
  tokens_valid_after: Date | null;
  /** Holders must use two-factor authentication (they enrol at their next sign-in). */
  require_two_factor: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

/** Which declared built-in role grants have been applied (each once; see role-sync.ts). */
export interface RoleGrantsTable {
  role: string;
  permission: string;
  granted_at: ColumnType<Date, never, never>;
}

export interface RefreshTokensTable {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  revoked_reason: string | null;
  created_at: CreatedAt;
}

/** Attempt counters for sign-in and password changes (see sign-in-throttle.ts and docs/security.md). */
export interface ThrottleTable {
  scope: 'sign-in-source' | 'sign-in-account' | 'sign-in-pair' | 'password-change' | 'two-factor';
  subject: string;
  failures: number;
  window_started_at: Date;
  last_attempt_at: Date;
  blocked_until: Date | null;
}

/** A user's TOTP enrolment (two-factor/): pending until `enabled_at` is set. */
export interface TwoFactorTable {
  user_id: string;
  /** AES-256-GCM ciphertext of the base32 secret (two-factor/keys.ts). */
  secret_encrypted: string;
  enabled_at: Date | null;
  /** The last accepted TOTP time step (a code is accepted only for a later one). */
  last_used_step: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One-time recovery codes, as keyed hashes. */
export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface AuthTables {
  'auth.users': UsersTable;
  'auth.roles': RolesTable;
  'auth.user_roles': UserRolesTable;
  'auth.role_grants': RoleGrantsTable;
  'auth.refresh_tokens': RefreshTokensTable;
  'auth.throttle': ThrottleTable;
  'auth.two_factor': TwoFactorTable;
  'auth.recovery_codes': RecoveryCodesTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends AuthTables {}
}
