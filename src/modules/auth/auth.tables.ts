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
  scope: 'sign-in-source' | 'sign-in-account' | 'sign-in-pair' | 'password-change';
  subject: string;
  failures: number;
  window_started_at: Date;
  last_attempt_at: Date;
  blocked_until: Date | null;
}

export interface AuthTables {
  'auth.users': UsersTable;
  'auth.roles': RolesTable;
  'auth.user_roles': UserRolesTable;
  'auth.role_grants': RoleGrantsTable;
  'auth.refresh_tokens': RefreshTokensTable;
  'auth.throttle': ThrottleTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends AuthTables {}
}
