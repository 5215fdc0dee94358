import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../platform/http/app-env.js';
import { errors } from '../../../platform/errors/app-error.js';
import { defineRoute, json, reply, requestContext, setLocation } from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import type { ModuleServices } from '../../../platform/modules/module.js';
import { useVaultSecret } from '../vault/crypto.js';
import {
  CreateCredentialBody,
  Credential,
  CredentialCreated,
  CredentialList,
  ReplaceCredentialBody,
} from '../vault/vault.schemas.js';
import * as vault from '../vault/vault.service.js';
import { INBOUND_MAX_BYTES, receiveWebhook } from './inbound.js';
import * as outbound from './outbound.js';
import {
  CreateEndpointBody,
  DeliveryDetail,
  DeliveryListQuery,
  DeliveryPage,
  Endpoint,
  EndpointList,
  HookAccepted,
  UpdateEndpointBody,
} from './webhooks.schemas.js';

const tags = ['automation'];

/**
 * The vault's and the webhooks' routes, added to Automation's router: credentials (`automation:admin`;
 * their list for `automation:write`, to pick one in a flow), outbound webhook endpoints with their
 * delivery log and replay (`automation:admin`), and the public inbound hook of webhook-triggered flows.
 */
export function registerVaultAndWebhookRoutes(
  router: OpenAPIHono<AppEnv>,
  services?: Pick<ModuleServices, 'getSigningKey'>,
) {
  if (services) useVaultSecret(services.getSigningKey);

  router.openapi(
    defineRoute('automation:write', {
      method: 'get',
      path: '/credentials',
      tags,
      summary: 'Stored credentials (name, type and a masked hint; never the secret)',
      responses: { 200: { description: 'Credentials', ...json(CredentialList) } },
    }),
    async (c) => reply(c, CredentialList, await vault.listCredentials(c.get('db'))),
  );
  router.openapi(
    defineRoute('automation:admin', {
      method: 'post',
      path: '/credentials',
      tags,
      summary:
        'Store a credential (encrypted; an hmac one without a secret gets one generated, shown in this answer only)',
      request: { body: { ...json(CreateCredentialBody), required: true } },
      responses: { 201: { description: 'Stored', ...json(CredentialCreated) } },
    }),
    async (c) => {
      const created = await vault.createCredential(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/credentials/${created.id}`);
      return reply(c, CredentialCreated, created, 201);
    },
  );
  router.openapi(
    defineRoute('automation:write', {
      method: 'get',
      path: '/credentials/{id}',
      tags,
      summary: 'A credential (never its secret)',
      request: { params: IdParam },
      responses: { 200: { description: 'The credential', ...json(Credential) } },
    }),
    async (c) => reply(c, Credential, await vault.getCredential(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('automation:admin', {
      method: 'put',
      path: '/credentials/{id}',
      tags,
      summary: 'Rotate a credential: its secret is replaced as a whole (same type)',
      request: { params: IdParam, body: { ...json(ReplaceCredentialBody), required: true } },
      responses: { 200: { description: 'Rotated', ...json(CredentialCreated) } },
    }),
    async (c) =>
      reply(
        c,
        CredentialCreated,
        await vault.replaceCredential(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('automation:admin', {
      method: 'delete',
      path: '/credentials/{id}',
      tags,
      summary: 'Delete a credential (409 while a webhook endpoint signs with it)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, 409: { description: 'In use' } },
    }),
    async (c) => {
      await vault.deleteCredential(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute('automation:admin', {
      method: 'get',
      path: '/webhooks/endpoints',
      tags,
      summary: 'Outbound webhook endpoints',
      responses: { 200: { description: 'Endpoints', ...json(EndpointList) } },
    }),
    async (c) => reply(c, EndpointList, await outbound.listEndpoints(c.get('db'))),
  );
  router.openapi(
    defineRoute('automation:admin', {
      method: 'post',
      path: '/webhooks/endpoints',
      tags,
      summary: 'Subscribe an endpoint to event types (or *): each event is delivered signed (Standard Webhooks)',
      request: { body: { ...json(CreateEndpointBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Endpoint) } },
    }),
    async (c) => {
      const created = await outbound.createEndpoint(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/webhooks/endpoints/${created.id}`);
      return reply(c, Endpoint, created, 201);
    },
  );
  router.openapi(
    defineRoute('automation:admin', {
      method: 'get',
      path: '/webhooks/endpoints/{id}',
      tags,
      summary: 'An endpoint',
      request: { params: IdParam },
      responses: { 200: { description: 'The endpoint', ...json(Endpoint) } },
    }),
    async (c) => reply(c, Endpoint, await outbound.getEndpoint(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('automation:admin', {
      method: 'patch',
      path: '/webhooks/endpoints/{id}',
      tags,
      summary: 'Change an endpoint, or enable it again',
      request: { params: IdParam, body: { ...json(UpdateEndpointBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Endpoint) } },
    }),
    async (c) =>
      reply(
        c,
        Endpoint,
        await outbound.updateEndpoint(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('automation:admin', {
      method: 'delete',
      path: '/webhooks/endpoints/{id}',
      tags,
      summary: 'Delete an endpoint and its delivery log',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await outbound.deleteEndpoint(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('automation:admin', {
      method: 'get',
      path: '/webhooks/endpoints/{id}/deliveries',
      tags,
      summary: "An endpoint's delivery log (newest first)",
      request: { params: IdParam, query: DeliveryListQuery },
      responses: { 200: { description: 'A page of deliveries', ...json(DeliveryPage) } },
    }),
    async (c) =>
      reply(c, DeliveryPage, await outbound.listDeliveries(c.get('db'), c.req.valid('param').id, c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('automation:admin', {
      method: 'get',
      path: '/webhooks/deliveries/{id}',
      tags,
      summary: 'A delivery with its body and every attempt (request headers, response status and body, duration)',
      request: { params: IdParam },
      responses: { 200: { description: 'The delivery', ...json(DeliveryDetail) } },
    }),
    async (c) => reply(c, DeliveryDetail, await outbound.getDelivery(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('automation:admin', {
      method: 'post',
      path: '/webhooks/deliveries/{id}/replay',
      tags,
      summary: 'Send a finished delivery again (same webhook-id, new signature)',
      request: { params: IdParam },
      responses: {
        200: { description: 'Queued again', ...json(DeliveryDetail) },
        409: { description: 'Pending, or the endpoint is disabled' },
      },
    }),
    async (c) =>
      reply(c, DeliveryDetail, await outbound.replayDelivery(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );

  router.openapi(
    defineRoute('public', {
      method: 'post',
      path: '/hooks/{id}',
      tags,
      summary:
        "Start a webhook-triggered flow: a JSON body (≤ 256 KB) signed per Standard Webhooks with the flow's hmac credential; no user token",
      description:
        'Headers webhook-id, webhook-timestamp (within 5 minutes) and webhook-signature (v1,<base64 HMAC-SHA256 of "id.timestamp.body">). ' +
        'The body becomes `trigger.payload`. A webhook-id received before starts nothing: 200 with the first run and duplicate: true.',
      request: { params: IdParam },
      responses: {
        202: { description: 'Started', ...json(HookAccepted) },
        200: { description: 'A replay of a webhook-id already received (nothing started)', ...json(HookAccepted) },
        401: { description: 'Missing, stale or wrong signature' },
        404: { description: 'No published, enabled webhook flow with this id' },
        413: { description: 'Body too large' },
      },
    }),
    async (c) => {
      const declared = Number(c.req.header('content-length'));
      if (Number.isFinite(declared) && declared > INBOUND_MAX_BYTES) throw errors.payloadTooLarge(INBOUND_MAX_BYTES);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length > INBOUND_MAX_BYTES) throw errors.payloadTooLarge(INBOUND_MAX_BYTES);
      let raw: string;
      try {
        raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw errors.badRequest('The body is not UTF-8 text.');
      }
      const result = await receiveWebhook(
        c.get('db'),
        c.req.valid('param').id,
        {
          id: c.req.header('webhook-id'),
          timestamp: c.req.header('webhook-timestamp'),
          signature: c.req.header('webhook-signature'),
        },
        raw,
      );
      if (!result.duplicate) setLocation(c, `/executions/${result.executionId}`);
      return c.json(HookAccepted.parse(result), result.duplicate ? 200 : 202);
    },
  );
}
