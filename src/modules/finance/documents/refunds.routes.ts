import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { VoidPaymentBody } from './payments.schemas.js';
import { CreateRefundBody, Refund, UnallocateBody, Unallocation } from './refunds.schemas.js';
import * as refunds from './refunds.service.js';
import { getUnallocation, unallocate } from './unallocations.service.js';

const tags = ['finance'];

/** Refunds (money back against a credit or an overpayment) and undoing allocations (issue #21). */
export function registerRefundRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/refunds',
      tags,
      summary:
        'Refund a credit note / vendor credit or the unallocated part of a payment (posted and settled at once); send an Idempotency-Key',
      request: { body: { ...json(CreateRefundBody), required: true } },
      responses: { 201: { description: 'Recorded', ...json(Refund) } },
    }),
    async (c) => {
      const db = c.get('db');
      const id = await refunds.createRefund(db, requestContext(c), c.req.valid('json'));
      setLocation(c, `/refunds/${id}`);
      return reply(c, Refund, await refunds.getRefund(db, id), 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/refunds/{id}',
      tags,
      summary: 'A refund with what it settled',
      request: { params: IdParam },
      responses: { 200: { description: 'The refund', ...json(Refund) } },
    }),
    async (c) => reply(c, Refund, await refunds.getRefund(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/refunds/{id}/void',
      tags,
      summary: 'Void a refund: what it settled is given back and its entry reversed (in an open period)',
      request: { params: IdParam, body: { ...json(VoidPaymentBody), required: false } },
      responses: { 200: { description: 'The refund', ...json(Refund) } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await refunds.voidRefund(c.get('db'), requestContext(c), id, c.req.valid('json') ?? {});
      return reply(c, Refund, await refunds.getRefund(c.get('db'), id));
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/allocations/{id}/unallocate',
      tags,
      summary:
        'Undo an allocation of a payment or credit to a document (in an open period; its exchange difference is reversed)',
      request: { params: IdParam, body: { ...json(UnallocateBody), required: false } },
      responses: { 200: { description: 'The undoing row', ...json(Unallocation) } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.get('db');
      const reversalId = await unallocate(db, requestContext(c), id, c.req.valid('json') ?? {});
      return reply(c, Unallocation, await getUnallocation(db, reversalId));
    },
  );
}
