import { createRouter } from '../../platform/http/router.js';
import { registerHrExportRoutes } from './employees/employees.export.routes.js';
import { registerEmployeeRoutes } from './employees/employees.routes.js';
import { registerLeaveRoutes } from './leave/leave.routes.js';
import { registerOrganizationRoutes } from './organization/organization.routes.js';
import { registerPayrollRoutes } from './payroll/payroll.routes.js';

/** The HR module's routes, mounted at /api/v1/hr. */
export function createHrRouter() {
  const router = createRouter();
  registerOrganizationRoutes(router);
  registerEmployeeRoutes(router);
  registerHrExportRoutes(router);
  registerLeaveRoutes(router);
  registerPayrollRoutes(router);
  return router;
}
