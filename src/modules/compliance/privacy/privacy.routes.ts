import { IdParam } from '../../../platform/http/schemas.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import {
  CreatePrivacyRequestBody,
  PrivacyDownload,
  PrivacyRequest,
  PrivacyRequestListQuery,
  PrivacyRequestPage,
} from './privacy.schemas.js';
import * as privacy from './privacy.service.js';

const tags = ['compliance'];

/**
 * Privacy requests (GDPR data-subject requests): `compliance:read` sees them and their summaries,
 * `compliance:write` requests an export and downloads files (they hold personal data),
 * `compliance:admin` requests an erasure.
 */
export function registerPrivacyRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/privacy-requests',
      tags,
      summary: 'Privacy requests, newest first (paginated)',
      request: { query: PrivacyRequestListQuery },
      responses: { 200: { description: 'A page of requests', ...json(PrivacyRequestPage) } },
    }),
    async (c) => reply(c, PrivacyRequestPage, await privacy.listPrivacyRequests(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/privacy-requests',
      tags,
      summary:
        'Request an export of everything MOMS holds about a person, or (compliance:admin, `confirm: "ERASE"`) its erasure; runs as a job',
      request: { body: { ...json(CreatePrivacyRequestBody), required: true } },
      responses: { 202: { description: 'Queued', ...json(PrivacyRequest) } },
    }),
    async (c) => {
      const created = await privacy.createPrivacyRequest(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/privacy-requests/${created.id}`);
      return c.json(PrivacyRequest.parse(created), 202);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/privacy-requests/{id}',
      tags,
      summary: 'A privacy request: its status and the summary of its report',
      request: { params: IdParam },
      responses: { 200: { description: 'The request', ...json(PrivacyRequest) } },
    }),
    async (c) => reply(c, PrivacyRequest, await privacy.getPrivacyRequest(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'get',
      path: '/privacy-requests/{id}/download',
      tags,
      summary: 'A short-lived link to the export (JSON) or the erasure report (JSON); 409 until done (audited)',
      request: { params: IdParam },
      responses: { 200: { description: 'The link', ...json(PrivacyDownload) } },
    }),
    async (c) =>
      reply(c, PrivacyDownload, await privacy.privacyDownload(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
}
