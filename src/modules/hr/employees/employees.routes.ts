import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../platform/http/app-env.js';

/** Employees, job history and the org chart (seam: filled in by the employees work). */
export function registerEmployeeRoutes(_router: OpenAPIHono<AppEnv>): void {}
