import { createRouter } from '../../platform/http/router.js';
import { registerActivityRoutes } from './activities/activities.routes.js';
import { registerContactRoutes } from './contacts/contacts.routes.js';
import { registerCrmBulkRoutes } from './crm.bulk.routes.js';
import { registerCrmExportRoutes } from './crm.exports.routes.js';
import { registerCrmImportRoutes } from './crm.imports.routes.js';
import { registerLeadRoutes } from './leads/leads.routes.js';
import { registerOrganizationRoutes } from './organizations/organizations.routes.js';
import { registerOpportunityRoutes } from './pipeline/opportunities.routes.js';
import { registerPipelineRoutes } from './pipeline/pipeline.routes.js';
import { registerSearchRoutes } from './search/search.routes.js';
import { registerSettingsRoutes } from './settings/settings.routes.js';
import { registerTeamRoutes } from './teams/teams.routes.js';

/** The CRM module's routes, mounted at /api/v1/crm. */
export function createCrmRouter() {
  const router = createRouter();
  registerTeamRoutes(router);
  registerCrmBulkRoutes(router);
  registerOrganizationRoutes(router);
  registerContactRoutes(router);
  registerLeadRoutes(router);
  registerPipelineRoutes(router);
  registerOpportunityRoutes(router);
  registerActivityRoutes(router);
  registerSearchRoutes(router);
  registerSettingsRoutes(router);
  registerCrmExportRoutes(router);
  registerCrmImportRoutes(router);
  return router;
}
