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
import { opportunitiesCsv } from './opportunities.csv.js';
import {
  CreateOpportunityBody,
  LoseOpportunityBody,
  MoveOpportunityBody,
  Opportunity,
  OpportunityListQuery,
  OpportunityPage,
  StageHistory,
  UpdateOpportunityBody,
  WinOpportunityBody,
} from './opportunities.schemas.js';
import * as service from './opportunities.service.js';

const tags = ['crm'];

export function registerOpportunityRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/opportunities',
      tags,
      summary: 'List the opportunities you can see',
      request: { query: OpportunityListQuery },
      responses: { 200: { description: 'A page of opportunities', ...json(OpportunityPage) } },
    }),
    async (c) =>
      reply(c, OpportunityPage, await service.listOpportunities(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/opportunities',
      tags,
      summary: 'Create an opportunity (at the end of its stage)',
      request: { body: { ...json(CreateOpportunityBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Opportunity) } },
    }),
    async (c) => {
      const created = await service.createOpportunity(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/opportunities/${created.id}`);
      return reply(c, Opportunity, created, 201);
    },
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/opportunities/export.csv',
      tags,
      summary:
        'The opportunities you can see, as CSV (same filters as the list; up to 4.5 MB of CSV; any size in the background: POST /crm/exports)',
      request: { query: exportQuery(OpportunityListQuery) },
      responses: csvResponses,
    }),
    async (c) =>
      csvAttachment(
        c,
        'opportunities.csv',
        await opportunitiesCsv(c.get('db'), requestContext(c), c.req.valid('query')),
      ),
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/opportunities/{id}',
      tags,
      summary: 'Get an opportunity',
      request: { params: IdParam },
      responses: { 200: { description: 'The opportunity', ...json(Opportunity) } },
    }),
    async (c) =>
      reply(c, Opportunity, await service.getOpportunity(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'patch',
      path: '/opportunities/{id}',
      tags,
      summary: 'Change an opportunity (use /move, /win or /lose to change its stage)',
      request: { params: IdParam, body: { ...json(UpdateOpportunityBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Opportunity) } },
    }),
    async (c) =>
      reply(
        c,
        Opportunity,
        await service.updateOpportunity(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'delete',
      path: '/opportunities/{id}',
      tags,
      summary: 'Delete an opportunity (the others of its stage close the gap)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteOpportunity(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/opportunities/{id}/move',
      tags,
      summary: 'Move to a stage and position (records stage history)',
      request: { params: IdParam, body: { ...json(MoveOpportunityBody), required: true } },
      responses: { 200: { description: 'Moved', ...json(Opportunity) } },
    }),
    async (c) =>
      reply(
        c,
        Opportunity,
        await service.moveOpportunity(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/opportunities/{id}/win',
      tags,
      summary: 'Mark won (reason optional)',
      request: { params: IdParam, body: { ...json(WinOpportunityBody), required: true } },
      responses: { 200: { description: 'Won', ...json(Opportunity) } },
    }),
    async (c) =>
      reply(
        c,
        Opportunity,
        await service.closeOpportunity(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          'won',
          c.req.valid('json'),
        ),
      ),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/opportunities/{id}/lose',
      tags,
      summary: 'Mark lost, with a reason',
      request: { params: IdParam, body: { ...json(LoseOpportunityBody), required: true } },
      responses: { 200: { description: 'Lost', ...json(Opportunity) } },
    }),
    async (c) =>
      reply(
        c,
        Opportunity,
        await service.closeOpportunity(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          'lost',
          c.req.valid('json'),
        ),
      ),
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/opportunities/{id}/stage-history',
      tags,
      summary: 'Every stage the opportunity went through, oldest first',
      request: { params: IdParam },
      responses: { 200: { description: 'Stage history', ...json(StageHistory) } },
    }),
    async (c) =>
      reply(c, StageHistory, await service.getStageHistory(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
}
