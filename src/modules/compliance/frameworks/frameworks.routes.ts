import { z } from '@hono/zod-openapi';
import { IdParam } from '../../../platform/http/schemas.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import {
  BuiltinKeyParam,
  BuiltinLibrary,
  Coverage,
  CreateMappingBody,
  Framework,
  FrameworkListQuery,
  FrameworkPage,
  ImportResult,
  LibraryBody,
  Mapping,
  MappingKeyQuery,
  RequirementDetail,
  RequirementListQuery,
  RequirementPage,
} from './frameworks.schemas.js';
import * as frameworks from './frameworks.service.js';

const tags = ['compliance'];

export function registerFrameworkRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/library',
      tags,
      summary: 'The built-in framework libraries (NIST CSF 2.0, GDPR) and whether each is imported',
      responses: { 200: { description: 'The built-in libraries', ...json(z.array(BuiltinLibrary)) } },
    }),
    async (c) => reply(c, z.array(BuiltinLibrary), await frameworks.builtinLibraries(c.get('db'))),
  );
  router.openapi(
    defineRoute('compliance:admin', {
      method: 'post',
      path: '/library/{key}/import',
      tags,
      summary: 'Import a built-in library (409 when that version is already imported)',
      request: { params: BuiltinKeyParam },
      responses: { 201: { description: 'Imported', ...json(ImportResult) } },
    }),
    async (c) => {
      const created = await frameworks.importBuiltin(c.get('db'), requestContext(c), c.req.valid('param').key);
      setLocation(c, `/frameworks/${created.id}`);
      return reply(c, ImportResult, created, 201);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/frameworks',
      tags,
      summary: 'Imported frameworks, one row per version',
      request: { query: FrameworkListQuery },
      responses: { 200: { description: 'A page of frameworks', ...json(FrameworkPage) } },
    }),
    async (c) => reply(c, FrameworkPage, await frameworks.listFrameworks(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:admin', {
      method: 'post',
      path: '/frameworks',
      tags,
      summary:
        'Import a framework library (ours or CISO Assistant’s as JSON); 422 names the bad requirement, 409 when the version exists',
      request: { body: { ...json(LibraryBody), required: true } },
      responses: { 201: { description: 'Imported', ...json(ImportResult) } },
    }),
    async (c) => {
      const created = await frameworks.importLibrary(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/frameworks/${created.id}`);
      return reply(c, ImportResult, created, 201);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/frameworks/{id}',
      tags,
      summary: 'A framework version',
      request: { params: IdParam },
      responses: { 200: { description: 'The framework', ...json(Framework) } },
    }),
    async (c) => reply(c, Framework, await frameworks.getFramework(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/frameworks/{id}/coverage',
      tags,
      summary: 'How many assessable requirements controls cover, directly or through mappings',
      request: { params: IdParam },
      responses: { 200: { description: 'The coverage', ...json(Coverage) } },
    }),
    async (c) => reply(c, Coverage, await frameworks.frameworkCoverage(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/frameworks/{id}/requirements',
      tags,
      summary: 'A framework’s requirements in tree order (parentId, depth), with their controls',
      request: { params: IdParam, query: RequirementListQuery },
      responses: { 200: { description: 'A page of requirements', ...json(RequirementPage) } },
    }),
    async (c) =>
      reply(
        c,
        RequirementPage,
        await frameworks.listRequirements(c.get('db'), c.req.valid('param').id, c.req.valid('query')),
      ),
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/requirements/{id}',
      tags,
      summary: 'A requirement with its controls and its mappings to other frameworks',
      request: { params: IdParam },
      responses: { 200: { description: 'The requirement', ...json(RequirementDetail) } },
    }),
    async (c) => reply(c, RequirementDetail, await frameworks.getRequirement(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:admin', {
      method: 'post',
      path: '/mappings',
      tags,
      summary: 'Map two requirements of different frameworks (a control of either covers both)',
      request: { body: { ...json(CreateMappingBody), required: true } },
      responses: { 201: { description: 'Mapped', ...json(Mapping) } },
    }),
    async (c) =>
      reply(c, Mapping, await frameworks.createMapping(c.get('db'), requestContext(c), c.req.valid('json')), 201),
  );
  router.openapi(
    defineRoute('compliance:admin', {
      method: 'delete',
      path: '/mappings',
      tags,
      summary: 'Remove a mapping',
      request: { query: MappingKeyQuery },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      await frameworks.deleteMapping(c.get('db'), requestContext(c), c.req.valid('query'));
      return c.body(null, 204);
    },
  );
}
