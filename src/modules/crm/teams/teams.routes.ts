import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import { CreateTeamBody, Team, TeamList, UpdateTeamBody } from './teams.schemas.js';
import * as service from './teams.service.js';

const tags = ['crm'];

/** Sales teams: a manager of a team sees and changes the records its members own. */
export function registerTeamRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/teams',
      tags,
      summary: 'List sales teams and their members',
      responses: { 200: { description: 'Teams', ...json(TeamList) } },
    }),
    async (c) => reply(c, TeamList, await service.listTeams(c.get('db'))),
  );
  router.openapi(
    defineRoute('crm:admin', {
      method: 'post',
      path: '/teams',
      tags,
      summary: 'Create a sales team',
      request: { body: { ...json(CreateTeamBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Team) } },
    }),
    async (c) => {
      const created = await service.createTeam(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/teams/${created.id}`);
      return reply(c, Team, created, 201);
    },
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/teams/{id}',
      tags,
      summary: 'Get a sales team',
      request: { params: IdParam },
      responses: { 200: { description: 'The team', ...json(Team) } },
    }),
    async (c) => reply(c, Team, await service.getTeam(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('crm:admin', {
      method: 'patch',
      path: '/teams/{id}',
      tags,
      summary: 'Rename a team or replace its members',
      request: { params: IdParam, body: { ...json(UpdateTeamBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Team) } },
    }),
    async (c) =>
      reply(
        c,
        Team,
        await service.updateTeam(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('crm:admin', {
      method: 'delete',
      path: '/teams/{id}',
      tags,
      summary: 'Delete a team',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteTeam(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );
}
