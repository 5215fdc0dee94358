import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../platform/http/app-env.js';
import { defineRoute, json, reply, requestContext, setLocation } from '../../../platform/http/router.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import { registerDepartmentRoutes } from './departments.routes.js';
import * as locations from './locations.service.js';
import {
  CreateLocationBody,
  CreatePositionBody,
  Location,
  LocationListQuery,
  LocationPage,
  Position,
  PositionListQuery,
  PositionPage,
  UpdateLocationBody,
  UpdatePositionBody,
} from './organization.schemas.js';
import * as positions from './positions.service.js';

const tags = ['hr'];

/** Locations, departments and positions: anyone with hr:read reads them; hr:admin changes them. */
export function registerOrganizationRoutes(router: OpenAPIHono<AppEnv>): void {
  registerDepartmentRoutes(router);

  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/locations',
      tags,
      summary: 'List locations',
      request: { query: LocationListQuery },
      responses: { 200: { description: 'A page of locations', ...json(LocationPage) } },
    }),
    async (c) => reply(c, LocationPage, await locations.listLocations(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/locations',
      tags,
      summary: 'Create a location',
      request: { body: { ...json(CreateLocationBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Location) } },
    }),
    async (c) => {
      const created = await locations.createLocation(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/locations/${created.id}`);
      return reply(c, Location, created, 201);
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/locations/{id}',
      tags,
      summary: 'Get a location',
      request: { params: IdParam },
      responses: { 200: { description: 'The location', ...json(Location) } },
    }),
    async (c) => reply(c, Location, await locations.getLocation(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'patch',
      path: '/locations/{id}',
      tags,
      summary: 'Change a location',
      request: { params: IdParam, body: { ...json(UpdateLocationBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Location) } },
    }),
    async (c) =>
      reply(
        c,
        Location,
        await locations.updateLocation(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'delete',
      path: '/locations/{id}',
      tags,
      summary: 'Delete a location (409 listing what still uses it)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await locations.deleteLocation(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/positions',
      tags,
      summary: 'List job positions',
      request: { query: PositionListQuery },
      responses: { 200: { description: 'A page of positions', ...json(PositionPage) } },
    }),
    async (c) => reply(c, PositionPage, await positions.listPositions(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/positions',
      tags,
      summary: 'Create a job position',
      request: { body: { ...json(CreatePositionBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Position) } },
    }),
    async (c) => {
      const created = await positions.createPosition(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/positions/${created.id}`);
      return reply(c, Position, created, 201);
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/positions/{id}',
      tags,
      summary: 'Get a job position',
      request: { params: IdParam },
      responses: { 200: { description: 'The position', ...json(Position) } },
    }),
    async (c) => reply(c, Position, await positions.getPosition(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'patch',
      path: '/positions/{id}',
      tags,
      summary: 'Change a job position',
      request: { params: IdParam, body: { ...json(UpdatePositionBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Position) } },
    }),
    async (c) =>
      reply(
        c,
        Position,
        await positions.updatePosition(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'delete',
      path: '/positions/{id}',
      tags,
      summary: 'Delete a job position (409 listing what still uses it)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await positions.deletePosition(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
}
