import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

const eventType = z
  .string()
  .regex(
    /^(\*|[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+)$/,
    'An event type such as crm.opportunity.won, or * for every event.',
  );
const url = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .openapi({ description: 'An http(s) URL; private and loopback addresses are refused' });

export const CreateEndpointBody = z
  .strictObject({
    name: shortText(200),
    url,
    eventTypes: z.array(eventType).min(1).max(100),
    credentialId: uuid.openapi({ description: 'An hmac credential: the whsec_ secret deliveries are signed with' }),
  })
  .openapi('CreateWebhookEndpointBody');

export const UpdateEndpointBody = z
  .strictObject({
    version: versionField,
    name: shortText(200).optional(),
    url: url.optional(),
    eventTypes: z.array(eventType).min(1).max(100).optional(),
    credentialId: uuid.optional(),
    enabled: z
      .boolean()
      .optional()
      .openapi({ description: 'true enables a disabled endpoint again (its failure count starts over)' }),
  })
  .openapi('UpdateWebhookEndpointBody');

export const Endpoint = z
  .object({
    id: uuid,
    name: z.string(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    credentialId: uuid,
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    failingSince: isoDateTime.nullable(),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('WebhookEndpoint');
export const EndpointList = z.object({ items: z.array(Endpoint) }).openapi('WebhookEndpointList');

const status = z.enum(['pending', 'succeeded', 'failed']);
export const Delivery = z
  .object({
    id: uuid,
    endpointId: uuid,
    messageId: z.string().openapi({ description: 'The webhook-id header (the same on every attempt and replay)' }),
    eventId: uuid.nullable(),
    eventType: z.string(),
    status,
    attempts: z.number().int(),
    nextAttemptAt: isoDateTime.nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: isoDateTime,
    finishedAt: isoDateTime.nullable(),
  })
  .openapi('WebhookDelivery');
export const DeliveryPage = pageSchema(Delivery).openapi('WebhookDeliveryPage');
export const DeliveryDetail = Delivery.extend({
  body: z.string().openapi({ description: 'The JSON body sent' }),
  attemptLog: z.array(
    z.object({
      attempt: z.number().int(),
      url: z.string(),
      requestHeaders: z.record(z.string(), z.string()),
      responseStatus: z.number().int().nullable(),
      responseBody: z.string().nullable().openapi({ description: 'The first 4 KB' }),
      durationMs: z.number().int(),
      error: z.string().nullable(),
      attemptedAt: isoDateTime,
    }),
  ),
}).openapi('WebhookDeliveryDetail');
export const DeliveryListQuery = listQuery(['createdAt'], '-createdAt').extend({ status: status.optional() });

export const HookAccepted = z
  .object({
    executionId: uuid,
    duplicate: z.boolean().openapi({ description: 'true: this webhook-id was received before; nothing new started' }),
  })
  .openapi('AutomationHookAccepted');
