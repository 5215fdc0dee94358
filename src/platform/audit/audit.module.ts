import { defineModule } from '../modules/module.js';

/**
 * The audit log's routes (`/api/v1/audit`): part of the platform, mounted like a module. Its
 * permission, `audit:read`, is declared by auth (which owns roles); it has no screens yet.
 */
export const auditModule = defineModule({
  name: 'audit',
  function: 'standardApi',
  permissions: [],
  web: null,
  routes: async (services) => (await import('./audit.routes.js')).createAuditRouter(services.auditPrivacy),
});
