import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../platform/http/app-env.js';

/** Compensation, pay components, payroll runs and payslips (seam: filled in by the payroll work). */
export function registerPayrollRoutes(_router: OpenAPIHono<AppEnv>): void {}
