import { csvAttachment, csvResponses, EXPORT_MAX_ROWS } from '../../../platform/http/csv-export.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { AllocationsBody } from './documents.schemas.js';
import {
  AllocationList,
  CreatePaymentBody,
  Payment,
  PaymentExportQuery,
  PaymentListQuery,
  PaymentPage,
  VoidPaymentBody,
} from './payments.schemas.js';
import * as payments from './payments.service.js';

import { financeListCsv } from '../reports/list-exports.lists.js';
const tags = ['finance'];
export function registerPaymentRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/payments',
      tags,
      summary: 'Payments received and made',
      request: { query: PaymentListQuery },
      responses: { 200: { description: 'A page of payments', ...json(PaymentPage) } },
    }),
    async (c) => reply(c, PaymentPage, await payments.listPayments(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/payments/export.csv',
      tags,
      summary: `Payments as CSV: the list's filters and sort, at most ${EXPORT_MAX_ROWS.toLocaleString('en')} rows`,
      request: { query: PaymentExportQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const query = c.req.valid('query');
      const csv = await financeListCsv(c.get('db'), 'payments', query);
      return csvAttachment(c, 'payments.csv', csv);
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/payments',
      tags,
      summary: 'Record (and post) a payment, optionally allocated to invoices or bills; send an Idempotency-Key',
      request: { body: { ...json(CreatePaymentBody), required: true } },
      responses: { 201: { description: 'Recorded', ...json(Payment) } },
    }),
    async (c) => {
      const db = c.get('db');
      const id = await payments.createPayment(db, requestContext(c), c.req.valid('json'));
      setLocation(c, `/payments/${id}`);
      return reply(c, Payment, await payments.getPayment(db, id), 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/payments/{id}',
      tags,
      summary: 'A payment with its allocations',
      request: { params: IdParam },
      responses: { 200: { description: 'The payment', ...json(Payment) } },
    }),
    async (c) => reply(c, Payment, await payments.getPayment(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/payments/{id}/allocations',
      tags,
      summary: 'The allocations of a payment',
      request: { params: IdParam },
      responses: { 200: { description: 'Allocations, oldest first', ...json(AllocationList) } },
    }),
    async (c) => reply(c, AllocationList, await payments.listPaymentAllocations(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/payments/{id}/allocations',
      tags,
      summary: "Allocate a payment's unallocated remainder to invoices or bills",
      request: { params: IdParam, body: { ...json(AllocationsBody), required: true } },
      responses: { 200: { description: 'The payment', ...json(Payment) } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await payments.allocatePayment(c.get('db'), requestContext(c), id, c.req.valid('json'));
      return reply(c, Payment, await payments.getPayment(c.get('db'), id));
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/payments/{id}/void',
      tags,
      summary: 'Void an unallocated payment: its entry is reversed',
      request: { params: IdParam, body: { ...json(VoidPaymentBody), required: false } },
      responses: { 200: { description: 'The payment', ...json(Payment) } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await payments.voidPayment(c.get('db'), requestContext(c), id, c.req.valid('json') ?? {});
      return reply(c, Payment, await payments.getPayment(c.get('db'), id));
    },
  );
}
