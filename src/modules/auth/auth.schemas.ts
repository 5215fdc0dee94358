import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../platform/http/pagination.js';
import { emailAddress, shortText } from '../../platform/http/schemas.js';
import { versionField } from '../../platform/http/versioning.js';
import { PASSWORD_RULES } from './password-policy.js';

const email = emailAddress.openapi({ example: 'ada@example.com' });
const password = z
  .string()
  .min(PASSWORD_RULES.minLength, `Use at least ${PASSWORD_RULES.minLength} characters.`)
  .max(PASSWORD_RULES.maxLength, `Use at most ${PASSWORD_RULES.maxLength} characters.`)
  .openapi({ format: 'password' });
const personName = shortText();
const roleName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,48}$/, 'Lowercase letters, digits and "-", starting with a letter (2–49 characters).');
const permission = z
  .string()
  .regex(/^(\*|[a-z][a-z-]*:(\*|[a-z][a-z-]*))$/, 'A permission is "module:action", "module:*" or "*".');

export const LoginBody = z.strictObject({ email, password: z.string().min(1).max(200) }).openapi('LoginRequest');
export const RefreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200) }).openapi('RefreshRequest');
export const ChangePasswordBody = z
  .strictObject({ currentPassword: z.string().min(1).max(200), newPassword: password })
  .openapi('ChangePasswordRequest');

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    status: z.enum(['active', 'inactive']),
    roles: z.array(z.string()),
    mustChangePassword: z.boolean(),
    lastLoginAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('User');

export const Me = User.extend({ permissions: z.array(z.string()) }).openapi('Me');

export const Session = z
  .object({
    tokenType: z.literal('Bearer'),
    accessToken: z.string(),
    expiresIn: z.number().int().openapi({ description: 'Seconds until the access token expires' }),
    refreshToken: z.string(),
    refreshExpiresAt: z.iso.datetime(),
    user: Me,
  })
  .openapi('Session');

export const CreateUserBody = z
  .strictObject({
    email,
    name: personName,
    password: password.optional().openapi({ description: 'Omit to generate a temporary password' }),
    roles: z.array(roleName).max(20).default(['employee']),
  })
  .openapi('CreateUserRequest');
export const CreatedUser = User.extend({
  temporaryPassword: z.string().optional().openapi({ description: 'Only when MOMS generated the password' }),
}).openapi('CreatedUser');

export const UpdateUserBody = z
  .strictObject({ version: versionField, email: email.optional(), name: personName.optional() })
  .openapi('UpdateUserRequest');
export const VersionBody = z.strictObject({ version: versionField }).openapi('VersionRequest');
export const SetRolesBody = z
  .strictObject({ version: versionField, roles: z.array(roleName).max(20) })
  .openapi('SetRolesRequest');
export const TemporaryPassword = z.object({ temporaryPassword: z.string(), user: User }).openapi('PasswordReset');

export const UserListQuery = listQuery(['email', 'name', 'createdAt'], 'email').extend({
  status: z.enum(['active', 'inactive']).optional(),
  role: roleName.optional(),
});
export const UserPage = pageSchema(User).openapi('UserPage');

export const Role = z
  .object({
    name: z.string(),
    description: z.string(),
    permissions: z.array(z.string()),
    builtin: z.boolean(),
    requireTwoFactor: z
      .boolean()
      .openapi({ description: 'Holders must use two-factor authentication (they enrol at their next sign-in)' }),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Role');
export const RoleList = z.object({ items: z.array(Role) }).openapi('RoleList');
export const RoleNameParam = z.object({ name: roleName });
export const CreateRoleBody = z
  .strictObject({
    name: roleName,
    description: z.string().max(500).default(''),
    permissions: z.array(permission).max(200),
    requireTwoFactor: z.boolean().default(false),
  })
  .openapi('CreateRoleRequest');
export const UpdateRoleBody = z
  .strictObject({
    version: versionField,
    description: z.string().max(500).optional(),
    permissions: z.array(permission).max(200).optional(),
    requireTwoFactor: z.boolean().optional(),
  })
  .openapi('UpdateRoleRequest');

export const PermissionCatalog = z
  .object({ items: z.array(z.object({ permission: z.string(), description: z.string() })) })
  .openapi('PermissionCatalog');

export type UserDto = z.input<typeof User>;
export type RoleDto = z.input<typeof Role>;
