import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { csvAttachment, csvResponses, exportQuery } from '../../../platform/http/csv-export.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import { leadsCsv } from './leads.csv.js';
import { convertLead } from './convert.service.js';
import {
  Conversion,
  ConvertLeadBody,
  CreateLeadBody,
  Lead,
  LeadListQuery,
  LeadPage,
  UpdateLeadBody,
} from './leads.schemas.js';
import * as service from './leads.service.js';

const tags = ['crm'];

export function registerLeadRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/leads',
      tags,
      summary: 'List the leads you can see',
      request: { query: LeadListQuery },
      responses: { 200: { description: 'A page of leads', ...json(LeadPage) } },
    }),
    async (c) => reply(c, LeadPage, await service.listLeads(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/leads',
      tags,
      summary: 'Create a lead',
      request: { body: { ...json(CreateLeadBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Lead) } },
    }),
    async (c) => {
      const created = await service.createLead(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/leads/${created.id}`);
      return reply(c, Lead, created, 201);
    },
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/leads/export.csv',
      tags,
      summary:
        'The leads you can see, as CSV (same filters as the list; up to 4.5 MB of CSV; any size in the background: POST /crm/exports)',
      request: { query: exportQuery(LeadListQuery) },
      responses: csvResponses,
    }),
    async (c) => csvAttachment(c, 'leads.csv', await leadsCsv(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/leads/{id}',
      tags,
      summary: 'Get a lead',
      request: { params: IdParam },
      responses: { 200: { description: 'The lead', ...json(Lead) } },
    }),
    async (c) => reply(c, Lead, await service.getLead(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'patch',
      path: '/leads/{id}',
      tags,
      summary: 'Change a lead (status, score, owner…); disqualifying needs a reason',
      request: { params: IdParam, body: { ...json(UpdateLeadBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Lead) } },
    }),
    async (c) =>
      reply(
        c,
        Lead,
        await service.updateLead(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'delete',
      path: '/leads/{id}',
      tags,
      summary: 'Delete a lead (not a converted one: 409)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteLead(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/leads/{id}/convert',
      tags,
      summary: 'Convert a qualified lead into organization + contact (+ opportunity), all or nothing',
      request: { params: IdParam, body: { ...json(ConvertLeadBody), required: true } },
      responses: { 201: { description: 'Converted', ...json(Conversion) } },
    }),
    async (c) =>
      reply(
        c,
        Conversion,
        await convertLead(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
}
