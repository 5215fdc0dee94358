import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { Control, ControlListQuery, ControlPage, CreateControlBody, UpdateControlBody } from './controls.schemas.js';
import * as controls from './controls.service.js';

const tags = ['compliance'];

export function registerControlRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/controls',
      tags,
      summary: 'Controls, with their requirements, evidence count and computed health',
      request: { query: ControlListQuery },
      responses: { 200: { description: 'A page of controls', ...json(ControlPage) } },
    }),
    async (c) => reply(c, ControlPage, await controls.listControls(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/controls',
      tags,
      summary: 'Create a control (linked to any requirements of any frameworks; may require evidence collectors)',
      request: { body: { ...json(CreateControlBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Control) } },
    }),
    async (c) => {
      const created = await controls.createControl(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/controls/${created.id}`);
      return reply(c, Control, created, 201);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/controls/{id}',
      tags,
      summary: 'A control with its health (green, amber, red) and the reasons',
      request: { params: IdParam },
      responses: { 200: { description: 'The control', ...json(Control) } },
    }),
    async (c) => reply(c, Control, await controls.getControl(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'patch',
      path: '/controls/{id}',
      tags,
      summary: 'Change a control; `requirementIds` replaces the list',
      request: { params: IdParam, body: { ...json(UpdateControlBody), required: true } },
      responses: { 200: { description: 'The control', ...json(Control) } },
    }),
    async (c) =>
      reply(
        c,
        Control,
        await controls.updateControl(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'delete',
      path: '/controls/{id}',
      tags,
      summary: 'Delete a control (409 while it has evidence or mitigates a risk)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await controls.deleteControl(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
}
