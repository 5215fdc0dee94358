import { defineRoute, json, reply, type createRouter } from '../../../platform/http/router.js';
import * as s from './lists.schemas.js';
import * as service from './lists.service.js';

const tags = ['supply'];

/** Lists of deliveries (and customer returns) and of receipts (and returns to suppliers). */
export function registerListRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/deliveries',
      tags,
      summary: 'List deliveries and customer returns (filter by sales order, customer, kind, invoicing status, dates)',
      request: { query: s.DeliveryListQuery },
      responses: { 200: { description: 'A page of deliveries', ...json(s.DeliverySummaryPage) } },
    }),
    async (c) => reply(c, s.DeliverySummaryPage, await service.listDeliveries(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/receipts',
      tags,
      summary: 'List receipts and returns to suppliers (filter by purchase order, supplier, kind, billed, dates)',
      request: { query: s.ReceiptListQuery },
      responses: { 200: { description: 'A page of receipts', ...json(s.ReceiptSummaryPage) } },
    }),
    async (c) => reply(c, s.ReceiptSummaryPage, await service.listReceipts(c.get('db'), c.req.valid('query'))),
  );
}
