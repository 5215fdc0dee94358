import { csvAttachment, csvResponses, EXPORT_MAX_ROWS } from '../../../platform/http/csv-export.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import {
  CreatePartyBody,
  Party,
  PartyExportQuery,
  PartyListQuery,
  PartyPage,
  UpdatePartyBody,
} from './parties.schemas.js';
import * as parties from './parties.service.js';

import { financeListCsv } from '../reports/list-exports.lists.js';
const tags = ['finance'];
export function registerPartyRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/parties',
      tags,
      summary: 'Customers and vendors',
      request: { query: PartyListQuery },
      responses: { 200: { description: 'A page of parties', ...json(PartyPage) } },
    }),
    async (c) => reply(c, PartyPage, await parties.listParties(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/parties/export.csv',
      tags,
      summary: `Customers and vendors as CSV: the list's filters and sort, at most ${EXPORT_MAX_ROWS.toLocaleString('en')} rows`,
      request: { query: PartyExportQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const query = c.req.valid('query');
      const csv = await financeListCsv(c.get('db'), 'parties', query);
      return csvAttachment(c, 'parties.csv', csv);
    },
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'post',
      path: '/parties',
      tags,
      summary: 'Add a customer or vendor',
      request: { body: { ...json(CreatePartyBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Party) } },
    }),
    async (c) => {
      const created = await parties.createParty(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/parties/${created.id}`);
      return reply(c, Party, created, 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/parties/{id}',
      tags,
      summary: 'A customer or vendor',
      request: { params: IdParam },
      responses: { 200: { description: 'The party', ...json(Party) } },
    }),
    async (c) => reply(c, Party, await parties.getParty(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'patch',
      path: '/parties/{id}',
      tags,
      summary: 'Change a party (with the version you read); "active": false deactivates it',
      request: { params: IdParam, body: { ...json(UpdatePartyBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Party) } },
    }),
    async (c) =>
      reply(
        c,
        Party,
        await parties.updateParty(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'delete',
      path: '/parties/{id}',
      tags,
      summary: 'Delete a party that has no documents or payments',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await parties.deleteParty(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
