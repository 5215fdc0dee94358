import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../platform/http/app-env.js';

/** Leave types, holidays, requests and approvals, team calendar (seam: filled in by the leave work). */
export function registerLeaveRoutes(_router: OpenAPIHono<AppEnv>): void {}
