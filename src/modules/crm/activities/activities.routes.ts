import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import {
  Activity,
  ActivityListQuery,
  ActivityPage,
  CreateActivityBody,
  Timeline,
  TimelineParams,
  TimelineQuery,
  UpdateActivityBody,
} from './activities.schemas.js';
import * as service from './activities.service.js';
import { getTimeline } from './timeline.service.js';

const tags = ['crm'];

export function registerActivityRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/activities',
      tags,
      summary: 'List the activities you can see (open=true: your open tasks)',
      request: { query: ActivityListQuery },
      responses: { 200: { description: 'A page of activities', ...json(ActivityPage) } },
    }),
    async (c) =>
      reply(c, ActivityPage, await service.listActivities(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/activities',
      tags,
      summary: 'Log a call, meeting, email or note, or create a task',
      request: { body: { ...json(CreateActivityBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Activity) } },
    }),
    async (c) => {
      const created = await service.createActivity(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/activities/${created.id}`);
      return reply(c, Activity, created, 201);
    },
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/activities/{id}',
      tags,
      summary: 'Get an activity',
      request: { params: IdParam },
      responses: { 200: { description: 'The activity', ...json(Activity) } },
    }),
    async (c) => reply(c, Activity, await service.getActivity(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'patch',
      path: '/activities/{id}',
      tags,
      summary: 'Change an activity; completed=true completes a task',
      request: { params: IdParam, body: { ...json(UpdateActivityBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Activity) } },
    }),
    async (c) =>
      reply(
        c,
        Activity,
        await service.updateActivity(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'delete',
      path: '/activities/{id}',
      tags,
      summary: 'Delete an activity',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteActivity(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/{kind}/{id}/timeline',
      tags,
      summary: 'A record’s timeline, newest first: activities, stage changes and field changes',
      request: { params: TimelineParams, query: TimelineQuery },
      responses: { 200: { description: 'The timeline', ...json(Timeline) } },
    }),
    async (c) => {
      const { kind, id } = c.req.valid('param');
      return reply(c, Timeline, await getTimeline(c.get('db'), requestContext(c), kind, id, c.req.valid('query')));
    },
  );
}
