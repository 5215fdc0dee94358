import type { createRouter } from '../../../platform/http/router.js';

/** General ledger, profit and loss, balance sheet, aging. */
export function registerStatementRoutes(_router: ReturnType<typeof createRouter>) {}
