import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../platform/http/app-env.js';
import { registerBalanceRoutes } from './balances/balances.routes.js';
import { registerHolidayRoutes } from './holidays/holidays.routes.js';
import { registerRequestRoutes } from './requests/requests.routes.js';
import { registerLeaveTypeRoutes } from './types/leave-types.routes.js';
import './leave.tables.js';

/** Leave types, public holidays, balances and carry-over, requests and approvals, team calendar. */
export function registerLeaveRoutes(router: OpenAPIHono<AppEnv>): void {
  registerLeaveTypeRoutes(router);
  registerHolidayRoutes(router);
  registerBalanceRoutes(router);
  registerRequestRoutes(router);
}
