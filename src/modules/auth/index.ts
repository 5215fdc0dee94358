import './auth.tables.js';

export type { AuthModuleDeps, PermissionInfo } from './auth.deps.js';
export type { AuthTables } from './auth.tables.js';
export { authModule } from './auth.module.js';
export { ensureAdministrator, type BootstrapResult } from './bootstrap.js';
export { createUser } from './users.service.js';
/** For other modules: which of these user ids are active users (ids must be uuids). */
export { activeUserIds, userDisplayNames } from './auth.repository.js';
/** For other modules: the active users who hold a permission (approvers, who to notify). */
export { usersHolding, type PermissionHolder } from './permission-holders.js';
/** For Automation: a run-as user as an actor (current roles and permissions), and a role's active members. */
export { actorOf, activeUsersInRole } from './actor-of.js';
/** For the API functions' access-token revocation check (docs/adr/0010; wired in src/app/function-app.ts). */
export { loadTokenCutoffs } from './token-cutoffs.js';
/** For other modules' background work that acts for a user (Analytics exports): their roles and permissions now. */
export { permissionsOfRoles, rolesOfUsers } from './auth.repository.js';
/** For Compliance's evidence collectors: every user with roles, permissions and last sign-in. */
export { accessReview, type AccessReviewEntry } from './access-review.js';
/** For Compliance's password-and-lockout collector: the password, throttling and session policy in force. */
export { passwordPolicy, PASSWORD_RULES, type PasswordPolicyReport } from './password-policy.js';
