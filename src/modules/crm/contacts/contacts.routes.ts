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
import { DuplicateQuery } from '../crm.shared.js';
import { contactsCsv } from './contacts.csv.js';
import { ImportContactsBody, ImportResult, importContacts } from './contacts.import.js';
import { MergeContactBody, mergeContacts } from './contacts.merge.js';
import { Contact, ContactListQuery, ContactPage, CreateContactBody, UpdateContactBody } from './contacts.schemas.js';
import * as service from './contacts.service.js';

const tags = ['crm'];
const ExportQuery = exportQuery(ContactListQuery);

export function registerContactRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/contacts',
      tags,
      summary: 'List the contacts you can see',
      request: { query: ContactListQuery },
      responses: { 200: { description: 'A page of contacts', ...json(ContactPage) } },
    }),
    async (c) =>
      reply(c, ContactPage, await service.listContacts(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/contacts/export.csv',
      tags,
      summary:
        'The contacts you can see, as CSV (same filters as the list; up to 4.5 MB of CSV; any size in the background: POST /crm/exports)',
      request: { query: ExportQuery },
      responses: csvResponses,
    }),
    async (c) =>
      csvAttachment(c, 'contacts.csv', await contactsCsv(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/contacts',
      tags,
      summary: 'Create a contact (409 with the existing id when an email is taken)',
      request: { query: DuplicateQuery, body: { ...json(CreateContactBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Contact) } },
    }),
    async (c) => {
      const created = await service.createContact(
        c.get('db'),
        requestContext(c),
        c.req.valid('json'),
        c.req.valid('query').allowDuplicate,
      );
      setLocation(c, `/contacts/${created.id}`);
      return reply(c, Contact, created, 201);
    },
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/contacts/{id}',
      tags,
      summary: 'Get a contact',
      request: { params: IdParam },
      responses: { 200: { description: 'The contact', ...json(Contact) } },
    }),
    async (c) => reply(c, Contact, await service.getContact(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'patch',
      path: '/contacts/{id}',
      tags,
      summary: 'Change a contact',
      request: { params: IdParam, body: { ...json(UpdateContactBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Contact) } },
    }),
    async (c) =>
      reply(
        c,
        Contact,
        await service.updateContact(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'delete',
      path: '/contacts/{id}',
      tags,
      summary: 'Delete a contact',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteContact(
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
      path: '/contacts/{id}/merge',
      tags,
      summary: 'Merge a duplicate into this contact (the duplicate is deleted)',
      request: { params: IdParam, body: { ...json(MergeContactBody), required: true } },
      responses: { 200: { description: 'The merged contact', ...json(Contact) } },
    }),
    async (c) =>
      reply(
        c,
        Contact,
        await mergeContacts(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/contacts/import',
      tags,
      summary:
        'Import contacts from CSV (dryRun defaults to true: check and report only; a real run writes the good rows)',
      request: { body: { ...json(ImportContactsBody), required: true } },
      responses: {
        200: { description: 'What was (or would be) imported, and the skipped rows', ...json(ImportResult) },
      },
    }),
    async (c) => reply(c, ImportResult, await importContacts(c.get('db'), requestContext(c), c.req.valid('json'))),
  );
}
