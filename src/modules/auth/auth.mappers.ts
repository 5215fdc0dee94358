import { isoTimestamp, isoTimestampOrNull } from '../../platform/dates.js';
import type { RoleDto, UserDto } from './auth.schemas.js';
import type { RoleRow, UserRow } from './auth.repository.js';

export function toUserDto(row: UserRow, roles: string[]): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    roles,
    mustChangePassword: row.must_change_password,
    lastLoginAt: isoTimestampOrNull(row.last_login_at),
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
    version: row.version,
  };
}

/** What the audit log keeps of a user: everything but the password hash (and the token cutoff, not a user change). */
export function auditUser(row: UserRow, roles?: string[]): Record<string, unknown> {
  const { password_hash: _hash, tokens_valid_after: _cutoff, ...rest } = row;
  return roles ? { ...rest, roles } : rest;
}

export function toRoleDto(row: RoleRow): RoleDto {
  return {
    name: row.name,
    description: row.description,
    permissions: row.permissions,
    builtin: row.builtin,
    requireTwoFactor: row.require_two_factor,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}
