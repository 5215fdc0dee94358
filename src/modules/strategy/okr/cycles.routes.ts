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
  CopyResult,
  CopyUnfinishedBody,
  CreateCycleBody,
  Cycle,
  CycleList,
  CycleListQuery,
  ScoreList,
  Scorecard,
  UpdateCycleBody,
} from './okr.schemas.js';
import { scorecard } from './scorecard.service.js';
import * as service from './cycles.service.js';

const tags = ['strategy'];

export function registerCycleRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/cycles',
      tags,
      summary: 'Cycles, latest first',
      request: { query: CycleListQuery },
      responses: { 200: { description: 'Cycles', ...json(CycleList) } },
    }),
    async (c) => reply(c, CycleList, { items: await service.listCycles(c.get('db'), c.req.valid('query').status) }),
  );
  router.openapi(
    defineRoute('strategy:admin', {
      method: 'post',
      path: '/cycles',
      tags,
      summary: 'Open a cycle (a quarter, a year or custom dates)',
      request: { body: { ...json(CreateCycleBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Cycle) } },
    }),
    async (c) => {
      const created = await service.createCycle(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/cycles/${created.id}`);
      return reply(c, Cycle, created, 201);
    },
  );
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/cycles/{id}',
      tags,
      summary: 'A cycle',
      request: { params: IdParam },
      responses: { 200: { description: 'The cycle', ...json(Cycle) } },
    }),
    async (c) => reply(c, Cycle, await service.getCycle(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('strategy:admin', {
      method: 'patch',
      path: '/cycles/{id}',
      tags,
      summary: 'Change an open cycle: name, kind, dates, check-in interval (409 cycle-closed; close it with /close)',
      request: { params: IdParam, body: { ...json(UpdateCycleBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Cycle) } },
    }),
    async (c) =>
      reply(
        c,
        Cycle,
        await service.updateCycle(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('strategy:admin', {
      method: 'post',
      path: '/cycles/{id}/close',
      tags,
      summary: 'Close a cycle and freeze its scores, with the snapshots behind them (409 cycle-closed when closed)',
      request: { params: IdParam },
      responses: { 200: { description: 'The frozen scores', ...json(ScoreList) } },
    }),
    async (c) => reply(c, ScoreList, await service.closeCycle(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/cycles/{id}/scores',
      tags,
      summary: "A closed cycle's frozen scores (none while it is open)",
      request: { params: IdParam },
      responses: { 200: { description: 'Scores', ...json(ScoreList) } },
    }),
    async (c) => reply(c, ScoreList, await service.scoresOf(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/cycles/{id}/scorecard',
      tags,
      summary: "The cycle's balanced scorecard: objectives (with progress and parent) and KPIs by perspective",
      request: { params: IdParam },
      responses: { 200: { description: 'The scorecard', ...json(Scorecard) } },
    }),
    async (c) => reply(c, Scorecard, await scorecard(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('strategy:admin', {
      method: 'post',
      path: '/cycles/{id}/copy-unfinished',
      tags,
      summary: 'Copy the unfinished objectives (and key results) into another open cycle',
      request: { params: IdParam, body: { ...json(CopyUnfinishedBody), required: true } },
      responses: { 200: { description: 'What was copied', ...json(CopyResult) } },
    }),
    async (c) =>
      reply(
        c,
        CopyResult,
        await service.copyUnfinished(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json').targetCycleId,
        ),
      ),
  );
}
