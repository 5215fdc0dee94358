import { z } from '@hono/zod-openapi';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import * as runs from './collector-runs.service.js';
import {
  Collector,
  CollectorRunDetail,
  CollectorRunListQuery,
  CollectorRunPage,
  CreateEvidenceBody,
  Evidence,
  EvidenceListQuery,
  EvidencePage,
  RunCollectorsBody,
  RunCollectorsResult,
  UpdateEvidenceBody,
} from './evidence.schemas.js';
import * as evidence from './evidence.service.js';

const tags = ['compliance'];

export function registerEvidenceRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/evidence',
      tags,
      summary: 'Evidence (links, notes, files), each with an owner and an expiry',
      request: { query: EvidenceListQuery },
      responses: { 200: { description: 'A page of evidence', ...json(EvidencePage) } },
    }),
    async (c) => reply(c, EvidencePage, await evidence.listEvidence(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/evidence',
      tags,
      summary: 'Add evidence to a control (a file: create `kind: file`, then attach files to it)',
      request: { body: { ...json(CreateEvidenceBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Evidence) } },
    }),
    async (c) => {
      const created = await evidence.createEvidence(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/evidence/${created.id}`);
      return reply(c, Evidence, created, 201);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/evidence/{id}',
      tags,
      summary: 'A piece of evidence',
      request: { params: IdParam },
      responses: { 200: { description: 'The evidence', ...json(Evidence) } },
    }),
    async (c) => reply(c, Evidence, await evidence.getEvidence(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'patch',
      path: '/evidence/{id}',
      tags,
      summary: 'Change a piece of evidence',
      request: { params: IdParam, body: { ...json(UpdateEvidenceBody), required: true } },
      responses: { 200: { description: 'The evidence', ...json(Evidence) } },
    }),
    async (c) =>
      reply(
        c,
        Evidence,
        await evidence.updateEvidence(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'delete',
      path: '/evidence/{id}',
      tags,
      summary: 'Delete a piece of evidence (409 while files are attached to it)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await evidence.deleteEvidence(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/collectors',
      tags,
      summary: 'The automated evidence collectors and their latest runs',
      responses: { 200: { description: 'The collectors', ...json(z.array(Collector)) } },
    }),
    async (c) => reply(c, z.array(Collector), await runs.listCollectors(c.get('db'))),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/collectors/run',
      tags,
      summary: 'Run collectors now, as a job (follow it in the jobs API); the schedule runs them daily',
      request: { body: { ...json(RunCollectorsBody), required: false } },
      responses: { 202: { description: 'Queued', ...json(RunCollectorsResult) } },
    }),
    async (c) => {
      const body = c.req.valid('json') as { collectors?: Parameters<typeof runs.requestCollection>[2] } | undefined;
      const queued = await runs.requestCollection(c.get('db'), requestContext(c), body?.collectors);
      return c.json(RunCollectorsResult.parse(queued), 202);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/collector-runs',
      tags,
      summary: 'Collector runs, newest first (each a hashed, time-stamped artefact)',
      request: { query: CollectorRunListQuery },
      responses: { 200: { description: 'A page of runs', ...json(CollectorRunPage) } },
    }),
    async (c) => reply(c, CollectorRunPage, await runs.listRuns(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/collector-runs/{id}',
      tags,
      summary: 'A run’s artefact, with a fresh SHA-256 check of the stored bytes',
      request: { params: IdParam },
      responses: { 200: { description: 'The run', ...json(CollectorRunDetail) } },
    }),
    async (c) => reply(c, CollectorRunDetail, await runs.getRun(c.get('db'), c.req.valid('param').id)),
  );
}
