import type { createRouter } from '../../../platform/http/router.js';

/** Parties, invoices, bills, credit notes and payments. */
export function registerDocumentRoutes(_router: ReturnType<typeof createRouter>) {}
