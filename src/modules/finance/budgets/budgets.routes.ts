import type { createRouter } from '../../../platform/http/router.js';

/** Budgets and budget-vs-actual. */
export function registerBudgetRoutes(_router: ReturnType<typeof createRouter>) {}
