import type { createRouter } from '../../../platform/http/router.js';
import { registerDocumentKindRoutes } from './invoices.routes.js';
import { registerPartyRoutes } from './parties.routes.js';
import { registerPaymentRoutes } from './payments.routes.js';
import { registerOpeningBalanceRoutes } from './opening-balances.routes.js';
import { registerRefundRoutes } from './refunds.routes.js';

/** Parties, invoices, bills, credit notes, vendor credits and payments. */
export function registerDocumentRoutes(router: ReturnType<typeof createRouter>) {
  registerPartyRoutes(router);
  registerDocumentKindRoutes(router, 'invoice', 'invoices', 'Invoice');
  registerDocumentKindRoutes(router, 'bill', 'bills', 'Bill');
  registerDocumentKindRoutes(router, 'credit-note', 'credit-notes', 'Credit note');
  registerDocumentKindRoutes(router, 'vendor-credit', 'vendor-credits', 'Vendor credit');
  registerPaymentRoutes(router);
  registerRefundRoutes(router);
  registerOpeningBalanceRoutes(router);
}
