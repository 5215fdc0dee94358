import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { CreateObjectiveLinkBody, ObjectiveLink, StrategyMap } from './map.schemas.js';
import * as service from './map.service.js';

const tags = ['strategy'];

export function registerMapRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/cycles/{id}/map',
      tags,
      summary: "The cycle's strategy map: objectives by perspective and the cause-and-effect links between them",
      request: { params: IdParam },
      responses: { 200: { description: 'The map', ...json(StrategyMap) } },
    }),
    async (c) => reply(c, StrategyMap, await service.strategyMap(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('strategy:write', {
      method: 'post',
      path: '/objective-links',
      tags,
      summary:
        'Link two objectives of one open cycle on the strategy map (the cause drives the effect; owner of either or administrator)',
      request: { body: { ...json(CreateObjectiveLinkBody), required: true } },
      responses: { 201: { description: 'Linked', ...json(ObjectiveLink) } },
    }),
    async (c) => {
      const created = await service.linkObjectives(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/objective-links/${created.id}`);
      return reply(c, ObjectiveLink, created, 201);
    },
  );
  router.openapi(
    defineRoute('strategy:write', {
      method: 'delete',
      path: '/objective-links/{id}',
      tags,
      summary: 'Remove a strategy map link',
      request: { params: IdParam },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      await service.unlinkObjectives(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
