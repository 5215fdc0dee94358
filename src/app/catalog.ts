import type { PermissionInfo } from '../platform/auth/permissions.js';
import type { AuditPrivacyRule, RoleDefinition } from '../platform/modules/module.js';
import { modules } from './modules.js';

/** Every permission the installed modules declare, in module order. */
export const permissionCatalog: readonly PermissionInfo[] = modules.flatMap((m) => m.permissions);

/** Every built-in role definition (merged by name at migration time). */
export const roleDefinitions: readonly RoleDefinition[] = modules.flatMap((m) => m.roles);

/** Every module's audit privacy rules: what the audit log's views redact, and for whom. */
export const auditPrivacyRules: readonly AuditPrivacyRule[] = modules.flatMap((m) => m.auditPrivacy ?? []);
