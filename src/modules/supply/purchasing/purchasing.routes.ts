import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import * as s from './purchasing.schemas.js';
import * as service from './purchasing.service.js';
import * as replenishment from './replenishment.service.js';

const tags = ['supply'];

export function registerPurchasingRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/purchase-orders',
      tags,
      summary: 'List purchase orders (filter by status, supplier; search the number)',
      request: { query: s.OrderListQuery },
      responses: { 200: { description: 'A page of purchase orders', ...json(s.OrderPage) } },
    }),
    async (c) => reply(c, s.OrderPage, await service.listOrders(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/purchase-orders',
      tags,
      summary: "Create a draft purchase order (prices default to the supplier's price list)",
      request: { body: { ...json(s.CreateOrderBody), required: true } },
      responses: { 201: { description: 'Created', ...json(s.Order) } },
    }),
    async (c) => {
      const created = await service.createOrder(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/purchase-orders/${created.id}`);
      return reply(c, s.Order, created, 201);
    },
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/purchase-orders/{id}',
      tags,
      summary: 'Get a purchase order with its lines (received and billed quantities)',
      request: { params: IdParam },
      responses: { 200: { description: 'The order', ...json(s.Order) } },
    }),
    async (c) => reply(c, s.Order, await service.getOrder(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'patch',
      path: '/purchase-orders/{id}',
      tags,
      summary: 'Change a purchase order (lines only while it is a draft)',
      request: { params: IdParam, body: { ...json(s.UpdateOrderBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(s.Order) } },
    }),
    async (c) =>
      reply(
        c,
        s.Order,
        await service.updateOrder(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/purchase-orders/{id}/confirm',
      tags,
      summary: 'Confirm a draft order (sent to the supplier: it can be received)',
      request: { params: IdParam, body: { ...json(s.VersionBody), required: true } },
      responses: { 200: { description: 'The order', ...json(s.Order) } },
    }),
    async (c) =>
      reply(
        c,
        s.Order,
        await service.confirmOrder(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json').version,
        ),
      ),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/purchase-orders/{id}/cancel',
      tags,
      summary: 'Cancel an order nothing was received on',
      request: { params: IdParam, body: { ...json(s.VersionBody), required: true } },
      responses: { 200: { description: 'The order', ...json(s.Order) } },
    }),
    async (c) =>
      reply(
        c,
        s.Order,
        await service.cancelOrder(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
      ),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/purchase-orders/{id}/receipts',
      tags,
      summary: 'Receive goods (partial allowed; over-receipt up to the tolerance); posts inventory against GRNI',
      request: { params: IdParam, body: { ...json(s.ReceiveBody), required: true } },
      responses: { 201: { description: 'The receipt', ...json(s.Receipt) } },
    }),
    async (c) => {
      const made = await service.receive(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json'));
      setLocation(c, `/receipts/${made.id}`);
      return reply(c, s.Receipt, made, 201);
    },
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/purchase-orders/{id}/receipts',
      tags,
      summary: "An order's receipts and returns",
      request: { params: IdParam },
      responses: { 200: { description: 'The receipts', ...json(s.ReceiptList) } },
    }),
    async (c) => reply(c, s.ReceiptList, await service.listReceipts(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/receipts/{id}',
      tags,
      summary: 'Get a receipt (or a return to the supplier)',
      request: { params: IdParam },
      responses: { 200: { description: 'The receipt', ...json(s.Receipt) } },
    }),
    async (c) => reply(c, s.Receipt, await service.getReceipt(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/receipts/{id}/bill',
      tags,
      summary: 'Bill a receipt in Finance after a 3-way match (a mismatch is a 422 listing each one; nothing posts)',
      request: { params: IdParam, body: { ...json(s.BillBody), required: true } },
      responses: { 201: { description: 'The issued bill', ...json(s.BillResult) } },
    }),
    async (c) =>
      reply(
        c,
        s.BillResult,
        await service.billReceipt(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/receipts/{id}/returns',
      tags,
      summary: 'Return unbilled goods of a receipt to the supplier',
      request: { params: IdParam, body: { ...json(s.SupplierReturnBody), required: true } },
      responses: { 201: { description: 'The return', ...json(s.Receipt) } },
    }),
    async (c) =>
      reply(
        c,
        s.Receipt,
        await service.returnToSupplier(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

  // ---- reorder rules and replenishment ----
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/reorder-rules',
      tags,
      summary: 'Reorder rules (min/max per item × warehouse)',
      request: { query: s.ReorderRuleQuery },
      responses: { 200: { description: 'The rules', ...json(s.ReorderRuleList) } },
    }),
    async (c) => reply(c, s.ReorderRuleList, await replenishment.listRules(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/reorder-rules',
      tags,
      summary: 'Create a reorder rule',
      request: { body: { ...json(s.ReorderRuleBody), required: true } },
      responses: { 201: { description: 'Created', ...json(s.ReorderRule) } },
    }),
    async (c) =>
      reply(c, s.ReorderRule, await replenishment.createRule(c.get('db'), requestContext(c), c.req.valid('json')), 201),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'patch',
      path: '/reorder-rules/{id}',
      tags,
      summary: 'Change a reorder rule',
      request: { params: IdParam, body: { ...json(s.UpdateReorderRuleBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(s.ReorderRule) } },
    }),
    async (c) =>
      reply(
        c,
        s.ReorderRule,
        await replenishment.updateRule(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'delete',
      path: '/reorder-rules/{id}',
      tags,
      summary: 'Delete a reorder rule',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await replenishment.deleteRule(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/replenishment/run',
      tags,
      summary: 'Propose draft purchase orders, grouped by supplier, for every rule below its minimum (also nightly)',
      request: { body: { ...json(s.ReplenishBody), required: true } },
      responses: { 200: { description: 'The proposed orders and what was skipped', ...json(s.ReplenishResult) } },
    }),
    async (c) =>
      reply(
        c,
        s.ReplenishResult,
        await replenishment.replenish(c.get('db'), requestContext(c), c.req.valid('json').warehouseId),
      ),
  );
}
