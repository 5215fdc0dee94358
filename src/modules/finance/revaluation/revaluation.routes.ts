import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { Revaluation, RevaluationListQuery, RevaluationPage, RunRevaluationBody } from './revaluation.schemas.js';
import * as service from './revaluation.service.js';

const tags = ['finance revaluation'];

/** Revaluation of open foreign-currency items at a period end (unrealised gains and losses). */
export function registerRevaluationRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/revaluations',
      tags,
      summary:
        'Revalue open foreign-currency invoices, bills, credits and bank balances at a date: one unrealised gain/loss entry and its reversal on the first day of the next period',
      request: { body: { ...json(RunRevaluationBody), required: true } },
      responses: {
        201: { description: 'The run with its lines', ...json(Revaluation) },
        409: { description: 'revaluation-exists: the period was revalued already' },
        422: { description: 'missing-exchange-rate (naming the currency) or period-closed' },
      },
    }),
    async (c) => {
      const db = c.get('db');
      const id = await service.runRevaluation(db, requestContext(c), c.req.valid('json'));
      setLocation(c, `/revaluations/${id}`);
      return reply(c, Revaluation, await service.getRevaluation(db, id), 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/revaluations',
      tags,
      summary: 'Revaluation runs, newest date first',
      request: { query: RevaluationListQuery },
      responses: { 200: { description: 'A page of runs', ...json(RevaluationPage) } },
    }),
    async (c) => reply(c, RevaluationPage, await service.listRevaluations(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/revaluations/{id}',
      tags,
      summary: 'A revaluation run with its lines and entries',
      request: { params: IdParam },
      responses: { 200: { description: 'The run', ...json(Revaluation) } },
    }),
    async (c) => reply(c, Revaluation, await service.getRevaluation(c.get('db'), c.req.valid('param').id)),
  );
}
