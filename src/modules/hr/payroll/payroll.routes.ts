import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../platform/http/app-env.js';
import { registerCompensationRoutes } from './compensation.routes.js';
import { registerPayslipRoutes } from './payslips.routes.js';
import { registerRunRoutes } from './runs.routes.js';
import './payroll.tables.js';

/** Compensation, pay components, payroll runs and payslips (README.md in this folder). */
export function registerPayrollRoutes(router: OpenAPIHono<AppEnv>): void {
  registerCompensationRoutes(router);
  registerRunRoutes(router);
  registerPayslipRoutes(router);
}
