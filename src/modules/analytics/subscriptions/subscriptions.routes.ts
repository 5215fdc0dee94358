import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import {
  CreateSubscriptionBody,
  Subscription,
  SubscriptionListQuery,
  SubscriptionPage,
  UpdateSubscriptionBody,
} from './subscriptions.schemas.js';
import * as service from './subscriptions.service.js';

const tags = ['analytics'];

export function registerSubscriptionRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('analytics:read', {
      method: 'get',
      path: '/subscriptions',
      tags,
      summary: 'Your subscriptions and alerts, and those you receive (all for analytics:admin)',
      request: { query: SubscriptionListQuery },
      responses: { 200: { description: 'A page of subscriptions', ...json(SubscriptionPage) } },
    }),
    async (c) =>
      reply(c, SubscriptionPage, await service.listSubscriptions(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('analytics:read', {
      method: 'post',
      path: '/subscriptions',
      tags,
      summary:
        "Mail a question's or dashboard's PDF/XLSX on a schedule (report), or mail when a question's number crosses a threshold (alert); each recipient gets their own rows",
      request: { body: { ...json(CreateSubscriptionBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Subscription) } },
    }),
    async (c) => {
      const created = await service.createSubscription(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/subscriptions/${created.id}`);
      return reply(c, Subscription, created, 201);
    },
  );
  router.openapi(
    defineRoute('analytics:read', {
      method: 'get',
      path: '/subscriptions/{id}',
      tags,
      summary: 'A subscription or alert you own or receive',
      request: { params: IdParam },
      responses: { 200: { description: 'The subscription', ...json(Subscription) } },
    }),
    async (c) =>
      reply(c, Subscription, await service.getSubscription(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('analytics:read', {
      method: 'patch',
      path: '/subscriptions/{id}',
      tags,
      summary: 'Change a subscription you own (analytics:admin: any); `recipients` replaces the list',
      request: { params: IdParam, body: { ...json(UpdateSubscriptionBody), required: true } },
      responses: { 200: { description: 'The subscription', ...json(Subscription) } },
    }),
    async (c) =>
      reply(
        c,
        Subscription,
        await service.updateSubscription(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('analytics:read', {
      method: 'delete',
      path: '/subscriptions/{id}',
      tags,
      summary: 'Delete a subscription you own',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteSubscription(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
}
