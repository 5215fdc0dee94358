import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { Delivery } from '../stock/stock.schemas.js';
import * as quotations from './quotations.service.js';
import * as s from './sales.schemas.js';
import * as service from './sales.service.js';
import * as view from './sales.view.js';

const tags = ['supply'];

export function registerSalesRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/sales-orders',
      tags,
      summary: 'List quotations and sales orders (filter by status, customer; search the number)',
      request: { query: s.SalesOrderListQuery },
      responses: { 200: { description: 'A page of sales orders', ...json(s.SalesOrderPage) } },
    }),
    async (c) => reply(c, s.SalesOrderPage, await view.listOrders(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/sales-orders',
      tags,
      summary: 'Create a quotation (prices from the sales price lists, discounts, validity)',
      request: { body: { ...json(s.CreateQuotationBody), required: true } },
      responses: { 201: { description: 'The quotation', ...json(s.SalesOrder) } },
    }),
    async (c) => {
      const made = await quotations.createQuotation(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/sales-orders/${made.id}`);
      return reply(c, s.SalesOrder, made, 201);
    },
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/sales-orders/{id}',
      tags,
      summary: 'Get a quotation or sales order with reserved, delivered, backorder and invoiced quantities',
      request: { params: IdParam },
      responses: { 200: { description: 'The order', ...json(s.SalesOrder) } },
    }),
    async (c) => reply(c, s.SalesOrder, await view.getOrder(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'patch',
      path: '/sales-orders/{id}',
      tags,
      summary: "Change a quotation (lines, rate, validity, memo); a linked opportunity's amount follows",
      request: { params: IdParam, body: { ...json(s.UpdateQuotationBody), required: true } },
      responses: { 200: { description: 'The quotation', ...json(s.SalesOrder) } },
    }),
    async (c) =>
      reply(
        c,
        s.SalesOrder,
        await quotations.updateQuotation(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/sales-orders/{id}/confirm',
      tags,
      summary: 'Accept a quotation: it becomes a sales order and reserves what is available (the rest is a backorder)',
      request: { params: IdParam, body: { ...json(s.SalesVersionBody), required: true } },
      responses: { 200: { description: 'The order', ...json(s.SalesOrder) } },
    }),
    async (c) =>
      reply(
        c,
        s.SalesOrder,
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
      path: '/sales-orders/{id}/cancel',
      tags,
      summary: 'Cancel a quotation or an undelivered order (releases its reservations)',
      request: { params: IdParam, body: { ...json(s.SalesVersionBody), required: true } },
      responses: { 200: { description: 'The order', ...json(s.SalesOrder) } },
    }),
    async (c) =>
      reply(
        c,
        s.SalesOrder,
        await service.cancelOrder(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
      ),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/sales-orders/{id}/deliveries',
      tags,
      summary: 'Deliver a sales order (partial: the rest stays a backorder); valued and posted',
      request: { params: IdParam, body: { ...json(s.DeliverOrderBody), required: true } },
      responses: { 201: { description: 'The delivery', ...json(Delivery) } },
    }),
    async (c) =>
      reply(
        c,
        Delivery,
        await service.deliverOrder(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/deliveries/{id}/invoice',
      tags,
      summary: "Invoice a sales order's delivery: the customer invoice is created and issued in Finance",
      request: { params: IdParam, body: { ...json(s.InvoiceBody), required: true } },
      responses: { 201: { description: 'The invoice', ...json(s.InvoiceResult) } },
    }),
    async (c) =>
      reply(
        c,
        s.InvoiceResult,
        await service.invoiceDelivery(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
}
