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
  Assessment,
  AssessmentListQuery,
  AssessmentPage,
  CreateAssessmentBody,
  CreateFindingBody,
  Finding,
  FindingListQuery,
  FindingPage,
  RemediationBody,
  Result,
  ResultListQuery,
  ResultPage,
  ResultParams,
  SetResultBody,
  UpdateAssessmentBody,
} from './assessments.schemas.js';
import * as assessments from './assessments.service.js';
import * as findings from './findings.service.js';

const tags = ['compliance'];

export function registerAssessmentRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/assessments',
      tags,
      summary: 'Assessments, each of one framework version, with a count per status',
      request: { query: AssessmentListQuery },
      responses: { 200: { description: 'A page of assessments', ...json(AssessmentPage) } },
    }),
    async (c) => reply(c, AssessmentPage, await assessments.listAssessments(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/assessments',
      tags,
      summary: 'Start an assessment of a framework version',
      request: { body: { ...json(CreateAssessmentBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Assessment) } },
    }),
    async (c) => {
      const created = await assessments.createAssessment(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/assessments/${created.id}`);
      return reply(c, Assessment, created, 201);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/assessments/{id}',
      tags,
      summary: 'An assessment with its count per status',
      request: { params: IdParam },
      responses: { 200: { description: 'The assessment', ...json(Assessment) } },
    }),
    async (c) => reply(c, Assessment, await assessments.getAssessment(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'patch',
      path: '/assessments/{id}',
      tags,
      summary: 'Rename, rescope, complete or reopen an assessment',
      request: { params: IdParam, body: { ...json(UpdateAssessmentBody), required: true } },
      responses: { 200: { description: 'The assessment', ...json(Assessment) } },
    }),
    async (c) =>
      reply(
        c,
        Assessment,
        await assessments.updateAssessment(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
      ),
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/assessments/{id}/results',
      tags,
      summary: 'Each assessable requirement with its status (not-assessed until set)',
      request: { params: IdParam, query: ResultListQuery },
      responses: { 200: { description: 'A page of results', ...json(ResultPage) } },
    }),
    async (c) =>
      reply(c, ResultPage, await assessments.listResults(c.get('db'), c.req.valid('param').id, c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'put',
      path: '/assessments/{id}/results/{requirementId}',
      tags,
      summary: 'Set a requirement’s status (not-applicable needs a justification)',
      request: { params: ResultParams, body: { ...json(SetResultBody), required: true } },
      responses: { 200: { description: 'The result', ...json(Result) } },
    }),
    async (c) => {
      const { id, requirementId } = c.req.valid('param');
      return reply(
        c,
        Result,
        await assessments.setResult(c.get('db'), requestContext(c), id, requirementId, c.req.valid('json')),
      );
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/findings',
      tags,
      summary: 'Findings of assessments',
      request: { query: FindingListQuery },
      responses: { 200: { description: 'A page of findings', ...json(FindingPage) } },
    }),
    async (c) => reply(c, FindingPage, await findings.listFindings(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/findings',
      tags,
      summary: 'Record a finding of an assessment',
      request: { body: { ...json(CreateFindingBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Finding) } },
    }),
    async (c) => {
      const created = await findings.createFinding(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/findings/${created.id}`);
      return reply(c, Finding, created, 201);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/findings/{id}',
      tags,
      summary: 'A finding',
      request: { params: IdParam },
      responses: { 200: { description: 'The finding', ...json(Finding) } },
    }),
    async (c) => reply(c, Finding, await findings.getFinding(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/findings/{id}/remediation',
      tags,
      summary:
        'Create the remediation task in a Projects project (as you: needs projects:write and membership); completing it closes the finding',
      request: { params: IdParam, body: { ...json(RemediationBody), required: true } },
      responses: { 200: { description: 'The finding, in remediation', ...json(Finding) } },
    }),
    async (c) =>
      reply(
        c,
        Finding,
        await findings.createRemediation(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
}
