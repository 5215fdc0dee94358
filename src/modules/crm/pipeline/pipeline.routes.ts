import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { getBoard } from './board.service.js';
import { getForecast } from './forecast.service.js';
import { Board, BoardQuery, Forecast, ForecastQuery } from './opportunities.schemas.js';
import { Performance, PerformanceQuery } from './performance.schemas.js';
import { getPerformance } from './performance.service.js';
import { CreatePipelineBody, Pipeline, PipelineList } from './pipelines.schemas.js';
import * as service from './pipelines.service.js';

const tags = ['crm'];

export function registerPipelineRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/pipelines',
      tags,
      summary: 'List pipelines with their stages (a default pipeline is created on first use)',
      responses: { 200: { description: 'Pipelines', ...json(PipelineList) } },
    }),
    async (c) => reply(c, PipelineList, await service.listPipelines(c.get('db'), requestContext(c))),
  );
  router.openapi(
    defineRoute('crm:admin', {
      method: 'post',
      path: '/pipelines',
      tags,
      summary: 'Create a pipeline with ordered stages (exactly one won and one lost stage)',
      request: { body: { ...json(CreatePipelineBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Pipeline) } },
    }),
    async (c) => {
      const created = await service.createPipeline(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/pipelines/${created.id}`);
      return reply(c, Pipeline, created, 201);
    },
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/pipelines/{id}',
      tags,
      summary: 'Get a pipeline',
      request: { params: IdParam },
      responses: { 200: { description: 'The pipeline', ...json(Pipeline) } },
    }),
    async (c) => reply(c, Pipeline, await service.getPipeline(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/pipelines/{id}/board',
      tags,
      summary: 'The board: stages in order, each with its count and first opportunities you can see, in position order',
      request: { params: IdParam, query: BoardQuery },
      responses: { 200: { description: 'The board', ...json(Board) } },
    }),
    async (c) =>
      reply(c, Board, await getBoard(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/pipelines/{id}/forecast',
      tags,
      summary: 'Open pipeline by expected close month and by owner (per currency), with probability-weighted amounts',
      request: { params: IdParam, query: ForecastQuery },
      responses: { 200: { description: 'The forecast', ...json(Forecast) } },
    }),
    async (c) =>
      reply(
        c,
        Forecast,
        await getForecast(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query').ownerId),
      ),
  );
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/pipelines/{id}/performance',
      tags,
      summary: 'Win rate, won amounts and average sales cycle of the opportunities closed in a period',
      request: { params: IdParam, query: PerformanceQuery },
      responses: { 200: { description: 'Performance for the period', ...json(Performance) } },
    }),
    async (c) =>
      reply(
        c,
        Performance,
        await getPerformance(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query')),
      ),
  );
}
