import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../platform/http/app-env.js';

/** Locations, departments and positions (seam: filled in by the organization work). */
export function registerOrganizationRoutes(_router: OpenAPIHono<AppEnv>): void {}
