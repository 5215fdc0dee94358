import { defineRoute, json, reply, requestContext, type createRouter } from '../../../../platform/http/router.js';
import { IdParam } from '../../../../platform/http/schemas.js';
import {
  BulkHolidaysBody,
  CreateHolidayBody,
  HolidayListQuery,
  PublicHoliday,
  PublicHolidayList,
} from './holidays.schemas.js';
import * as service from './holidays.service.js';

const tags = ['hr: leave'];

export function registerHolidayRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/leave/holidays',
      tags,
      summary: 'List public holidays by location and year',
      request: { query: HolidayListQuery },
      responses: { 200: { description: 'The holidays, by date', ...json(PublicHolidayList) } },
    }),
    async (c) => reply(c, PublicHolidayList, await service.listHolidays(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/leave/holidays',
      tags,
      summary: 'Add one public holiday to a location',
      request: { body: { ...json(CreateHolidayBody), required: true } },
      responses: { 201: { description: 'Created', ...json(PublicHoliday) } },
    }),
    async (c) =>
      reply(c, PublicHoliday, await service.createHoliday(c.get('db'), requestContext(c), c.req.valid('json')), 201),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'post',
      path: '/leave/holidays/bulk',
      tags,
      summary: "Add a year's public holidays to a location (all or nothing)",
      request: { body: { ...json(BulkHolidaysBody), required: true } },
      responses: { 201: { description: 'Created', ...json(PublicHolidayList) } },
    }),
    async (c) =>
      reply(
        c,
        PublicHolidayList,
        await service.createHolidays(c.get('db'), requestContext(c), c.req.valid('json')),
        201,
      ),
  );
  router.openapi(
    defineRoute('hr:admin', {
      method: 'delete',
      path: '/leave/holidays/{id}',
      tags,
      summary: 'Remove a public holiday (requests already made keep their day counts)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteHoliday(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
