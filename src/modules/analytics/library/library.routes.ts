import { IdParam, DeleteQuery } from '../../../platform/http/schemas.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { QueryResult, type FilterT } from '../query/query.schemas.js';
import { cacheOption, callerOf } from '../query/query.service.js';
import * as dashboards from './dashboards.service.js';
import {
  CreateDashboardBody,
  CreateQuestionBody,
  Dashboard,
  DashboardListQuery,
  DashboardPage,
  DashboardResults,
  Question,
  QuestionListQuery,
  QuestionPage,
  RunBody,
  UpdateDashboardBody,
  UpdateQuestionBody,
} from './library.schemas.js';
import * as questions from './questions.service.js';

const tags = ['analytics'];

/** The run's extra filters: the body is optional (no body: none). */
const extraFilters = (body: { filters?: FilterT[] } | undefined): FilterT[] => body?.filters ?? [];

export function registerLibraryRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('analytics:read', {
      method: 'get',
      path: '/questions',
      tags,
      summary: 'The saved questions you own or that are shared with you (all for analytics:admin)',
      request: { query: QuestionListQuery },
      responses: { 200: { description: 'A page of questions', ...json(QuestionPage) } },
    }),
    async (c) =>
      reply(c, QuestionPage, await questions.listQuestions(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('analytics:write', {
      method: 'post',
      path: '/questions',
      tags,
      summary: 'Save a question (its query must fit a dataset you may query); share it with users or roles',
      request: { body: { ...json(CreateQuestionBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Question) } },
    }),
    async (c) => {
      const created = await questions.createQuestion(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/questions/${created.id}`);
      return reply(c, Question, created, 201);
    },
  );
  router.openapi(
    defineRoute('analytics:read', {
      method: 'get',
      path: '/questions/{id}',
      tags,
      summary: 'A question you may see',
      request: { params: IdParam },
      responses: { 200: { description: 'The question', ...json(Question) } },
    }),
    async (c) =>
      reply(c, Question, await questions.getQuestion(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('analytics:write', {
      method: 'patch',
      path: '/questions/{id}',
      tags,
      summary: 'Change a question you own (analytics:admin: any); `shares` replaces the list',
      request: { params: IdParam, body: { ...json(UpdateQuestionBody), required: true } },
      responses: { 200: { description: 'The question', ...json(Question) } },
    }),
    async (c) =>
      reply(
        c,
        Question,
        await questions.updateQuestion(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('analytics:write', {
      method: 'delete',
      path: '/questions/{id}',
      tags,
      summary: 'Delete a question you own (409 while a dashboard shows it)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await questions.deleteQuestion(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('analytics:read', {
      method: 'post',
      path: '/questions/{id}/results',
      tags,
      summary: "Run a question you may see, as you: only the rows its dataset's module lets you see",
      request: { params: IdParam, body: { ...json(RunBody), required: false } },
      responses: { 200: { description: 'The result', ...json(QueryResult) } },
    }),
    async (c) => {
      const db = c.get('db');
      const caller = callerOf(requestContext(c));
      const question = await questions.visibleQuestion(db, caller, c.req.valid('param').id);
      return reply(
        c,
        QueryResult,
        await questions.runQuestion(
          db,
          caller,
          question,
          extraFilters(c.req.valid('json')),
          cacheOption(c.req.header('cache-control')),
        ),
      );
    },
  );

  router.openapi(
    defineRoute('analytics:read', {
      method: 'get',
      path: '/dashboards',
      tags,
      summary: 'The dashboards you own or that are shared with you (all for analytics:admin)',
      request: { query: DashboardListQuery },
      responses: { 200: { description: 'A page of dashboards', ...json(DashboardPage) } },
    }),
    async (c) =>
      reply(c, DashboardPage, await dashboards.listDashboards(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('analytics:write', {
      method: 'post',
      path: '/dashboards',
      tags,
      summary: 'Create a dashboard: a grid of cards (questions you may see) and filters applied to every card',
      request: { body: { ...json(CreateDashboardBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Dashboard) } },
    }),
    async (c) => {
      const created = await dashboards.createDashboard(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/dashboards/${created.id}`);
      return reply(c, Dashboard, created, 201);
    },
  );
  router.openapi(
    defineRoute('analytics:read', {
      method: 'get',
      path: '/dashboards/{id}',
      tags,
      summary: 'A dashboard you may see, with its cards and filters',
      request: { params: IdParam },
      responses: { 200: { description: 'The dashboard', ...json(Dashboard) } },
    }),
    async (c) =>
      reply(c, Dashboard, await dashboards.getDashboard(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('analytics:write', {
      method: 'patch',
      path: '/dashboards/{id}',
      tags,
      summary: 'Change a dashboard you own (analytics:admin: any); `cards` and `shares` replace their lists',
      request: { params: IdParam, body: { ...json(UpdateDashboardBody), required: true } },
      responses: { 200: { description: 'The dashboard', ...json(Dashboard) } },
    }),
    async (c) =>
      reply(
        c,
        Dashboard,
        await dashboards.updateDashboard(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('analytics:write', {
      method: 'delete',
      path: '/dashboards/{id}',
      tags,
      summary: 'Delete a dashboard you own (its questions stay)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await dashboards.deleteDashboard(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('analytics:read', {
      method: 'post',
      path: '/dashboards/{id}/results',
      tags,
      summary:
        "Run every card of a dashboard as you, the dashboard's filters (and these) applied to each card whose dataset has the field",
      request: { params: IdParam, body: { ...json(RunBody), required: false } },
      responses: { 200: { description: 'The cards’ results', ...json(DashboardResults) } },
    }),
    async (c) => {
      return reply(
        c,
        DashboardResults,
        await dashboards.runDashboard(
          c.get('db'),
          callerOf(requestContext(c)),
          c.req.valid('param').id,
          extraFilters(c.req.valid('json')),
          cacheOption(c.req.header('cache-control')),
        ),
      );
    },
  );
}
