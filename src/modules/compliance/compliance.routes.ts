import { createRouter } from '../../platform/http/router.js';
import { registerAssessmentRoutes } from './assessments/assessments.routes.js';
import { registerControlRoutes } from './controls/controls.routes.js';
import { registerEvidenceRoutes } from './evidence/evidence.routes.js';
import { registerFrameworkRoutes } from './frameworks/frameworks.routes.js';
import { registerPolicyRoutes } from './policies/policies.routes.js';
import { registerRiskRoutes } from './risks/risks.routes.js';

/** The Compliance module's routes, mounted at /api/v1/compliance (served by the containerizedApi function). */
export function createComplianceRouter() {
  const router = createRouter();
  registerFrameworkRoutes(router);
  registerControlRoutes(router);
  registerEvidenceRoutes(router);
  registerRiskRoutes(router);
  registerAssessmentRoutes(router);
  registerPolicyRoutes(router);
  return router;
}
