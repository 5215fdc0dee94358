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
import { organizationsCsv } from './organizations.csv.js';
import { ImportOrganizationsBody, ImportOrganizationsResult, importOrganizations } from './organizations.import.js';
import {
  CreateOrganizationBody,
  Organization,
  OrganizationListQuery,
  OrganizationPage,
  UpdateOrganizationBody,
} from './organizations.schemas.js';
import * as service from './organizations.service.js';

const tags = ['crm'];

export function registerOrganizationRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/organizations',
      tags,
      summary: 'List the organizations you can see',
      request: { query: OrganizationListQuery },
      responses: { 200: { description: 'A page of organizations', ...json(OrganizationPage) } },
    }),
    async (c) =>
      reply(c, OrganizationPage, await service.listOrganizations(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/organizations',
      tags,
      summary: 'Create an organization (409 with the existing id when the domain is taken)',
      request: { query: DuplicateQuery, body: { ...json(CreateOrganizationBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Organization) } },
    }),
    async (c) => {
      const created = await service.createOrganization(
        c.get('db'),
        requestContext(c),
        c.req.valid('json'),
        c.req.valid('query').allowDuplicate,
      );
      setLocation(c, `/organizations/${created.id}`);
      return reply(c, Organization, created, 201);
    },
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/organizations/export.csv',
      tags,
      summary:
        'The organizations you can see, as CSV (same filters as the list; up to 4.5 MB of CSV; any size in the background: POST /crm/exports)',
      request: { query: exportQuery(OrganizationListQuery) },
      responses: csvResponses,
    }),
    async (c) =>
      csvAttachment(
        c,
        'organizations.csv',
        await organizationsCsv(c.get('db'), requestContext(c), c.req.valid('query')),
      ),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'post',
      path: '/organizations/import',
      tags,
      summary:
        'Import organizations from CSV (dryRun defaults to true: check and report only; a real run writes the good rows)',
      request: { body: { ...json(ImportOrganizationsBody), required: true } },
      responses: {
        200: {
          description: 'What was (or would be) imported, and the skipped rows',
          ...json(ImportOrganizationsResult),
        },
      },
    }),
    async (c) =>
      reply(
        c,
        ImportOrganizationsResult,
        await importOrganizations(c.get('db'), requestContext(c), c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/organizations/{id}',
      tags,
      summary: 'Get an organization',
      request: { params: IdParam },
      responses: { 200: { description: 'The organization', ...json(Organization) } },
    }),
    async (c) =>
      reply(c, Organization, await service.getOrganization(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'patch',
      path: '/organizations/{id}',
      tags,
      summary: 'Change an organization',
      request: { params: IdParam, body: { ...json(UpdateOrganizationBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Organization) } },
    }),
    async (c) =>
      reply(
        c,
        Organization,
        await service.updateOrganization(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('crm:write', {
      method: 'delete',
      path: '/organizations/{id}',
      tags,
      summary: 'Delete an organization (its contacts and opportunities keep existing, unlinked)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteOrganization(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
}
