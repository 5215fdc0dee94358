import { createRouter } from '../../platform/http/router.js';
import type { ModuleServices } from '../../platform/modules/module.js';
import { registerAssessmentRoutes } from './assessments/assessments.routes.js';
import { registerControlRoutes } from './controls/controls.routes.js';
import { registerEvidenceRoutes } from './evidence/evidence.routes.js';
import { registerFrameworkRoutes } from './frameworks/frameworks.routes.js';
import { registerPolicyRoutes } from './policies/policies.routes.js';
import { registerPrivacyRoutes } from './privacy/privacy.routes.js';
import { registerReportRoutes } from './reports/reports.routes.js';
import { registerRiskRoutes } from './risks/risks.routes.js';

/** The Compliance module's routes, mounted at /api/v1/compliance (served by the containerizedApi function). */
export function createComplianceRouter(services?: Pick<ModuleServices, 'getFileStore' | 'config'>) {
  const router = createRouter();
  registerFrameworkRoutes(router);
  registerControlRoutes(router);
  registerEvidenceRoutes(router);
  registerRiskRoutes(router);
  registerAssessmentRoutes(router);
  registerPolicyRoutes(router);
  registerPrivacyRoutes(router);
  registerReportRoutes(router, services);
  return router;
}
