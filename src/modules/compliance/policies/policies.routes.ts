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
  AcknowledgeBody,
  Acknowledgement,
  CreatePolicyBody,
  NotAcknowledgedReport,
  Policy,
  PolicyListQuery,
  PolicyPage,
  PolicyVersion,
  PolicyVersionListQuery,
  PolicyVersionPage,
  PolicyVersionParams,
  PublishPolicyVersionBody,
  ReminderResult,
} from './policies.schemas.js';
import * as policies from './policies.service.js';

const tags = ['compliance'];

/**
 * Policies: `compliance:acknowledge` (the employee role: every employee) reads them and acknowledges
 * the current version; `compliance:write` publishes; `compliance:read` sees who has not acknowledged.
 */
export function registerPolicyRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('compliance:acknowledge', {
      method: 'get',
      path: '/policies',
      tags,
      summary: 'Policies with their current version and whether you acknowledged it (`pending=true`: not yet)',
      request: { query: PolicyListQuery },
      responses: { 200: { description: 'A page of policies', ...json(PolicyPage) } },
    }),
    async (c) =>
      reply(c, PolicyPage, await policies.listPolicies(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/policies',
      tags,
      summary: 'Create a policy: its text (Markdown) is published as version 1',
      request: { body: { ...json(CreatePolicyBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Policy) } },
    }),
    async (c) => {
      const created = await policies.createPolicy(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/policies/${created.id}`);
      return reply(c, Policy, created, 201);
    },
  );
  router.openapi(
    defineRoute('compliance:acknowledge', {
      method: 'get',
      path: '/policies/{id}',
      tags,
      summary: 'A policy with its current version',
      request: { params: IdParam },
      responses: { 200: { description: 'The policy', ...json(Policy) } },
    }),
    async (c) => reply(c, Policy, await policies.getPolicy(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:acknowledge', {
      method: 'get',
      path: '/policies/{id}/versions',
      tags,
      summary: 'Every published version of a policy (newest first by default)',
      request: { params: IdParam, query: PolicyVersionListQuery },
      responses: { 200: { description: 'A page of versions', ...json(PolicyVersionPage) } },
    }),
    async (c) =>
      reply(
        c,
        PolicyVersionPage,
        await policies.listVersions(c.get('db'), c.req.valid('param').id, c.req.valid('query')),
      ),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/policies/{id}/versions',
      tags,
      summary: 'Publish a new version, which becomes current (409 when `basedOn` is not the current version)',
      request: { params: IdParam, body: { ...json(PublishPolicyVersionBody), required: true } },
      responses: { 201: { description: 'Published', ...json(PolicyVersion) } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const created = await policies.publishVersion(c.get('db'), requestContext(c), id, c.req.valid('json'));
      setLocation(c, `/policies/${id}/versions/${created.number}`);
      return reply(c, PolicyVersion, created, 201);
    },
  );
  router.openapi(
    defineRoute('compliance:acknowledge', {
      method: 'get',
      path: '/policies/{id}/versions/{number}',
      tags,
      summary: 'One version of a policy (old versions stay readable)',
      request: { params: PolicyVersionParams },
      responses: { 200: { description: 'The version', ...json(PolicyVersion) } },
    }),
    async (c) => {
      const { id, number } = c.req.valid('param');
      return reply(c, PolicyVersion, await policies.getVersion(c.get('db'), id, number));
    },
  );
  router.openapi(
    defineRoute('compliance:acknowledge', {
      method: 'post',
      path: '/policies/{id}/acknowledgements',
      tags,
      summary: 'Acknowledge the current version, once (409 for an older version or a second time)',
      request: { params: IdParam, body: { ...json(AcknowledgeBody), required: true } },
      responses: { 201: { description: 'Acknowledged', ...json(Acknowledgement) } },
    }),
    async (c) =>
      reply(
        c,
        Acknowledgement,
        await policies.acknowledge(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/policies/{id}/not-acknowledged',
      tags,
      summary:
        "HR's active employees (or, without HR data, the active users) who have not acknowledged the current version (every one)",
      request: { params: IdParam },
      responses: { 200: { description: 'The report', ...json(NotAcknowledgedReport) } },
    }),
    async (c) =>
      reply(c, NotAcknowledgedReport, await policies.notAcknowledgedReport(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/policies/{id}/remind',
      tags,
      summary:
        'Queue a reminder mail to each person of the not-acknowledged report with an active account (once per version and day)',
      request: { params: IdParam },
      responses: { 200: { description: 'Queued, or already sent today', ...json(ReminderResult) } },
    }),
    async (c) =>
      reply(c, ReminderResult, await policies.remind(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
}
