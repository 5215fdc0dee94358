import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import {
  CreateRateBody,
  ExchangeRate,
  ExchangeRateListQuery,
  ExchangeRatePage,
  UpdateRateBody,
} from './rates.schemas.js';
import * as service from './rates.service.js';

const tags = ['finance exchange rates'];

/** The exchange-rate table: one rate per currency pair and date. */
export function registerRateRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/exchange-rates',
      tags,
      summary: 'Exchange rates, newest date first; filter by pair and date range',
      request: { query: ExchangeRateListQuery },
      responses: { 200: { description: 'A page of rates', ...json(ExchangeRatePage) } },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return reply(
        c,
        ExchangeRatePage,
        await service.listRates(c.get('db'), { ...q, from: q.fromCurrency, to: q.toCurrency }),
      );
    },
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'post',
      path: '/exchange-rates',
      tags,
      summary: 'Add a rate (units of toCurrency per fromCurrency on a date)',
      request: { body: { ...json(CreateRateBody), required: true } },
      responses: {
        201: { description: 'Created', ...json(ExchangeRate) },
        409: { description: 'exchange-rate-exists: the pair has a rate on that date' },
      },
    }),
    async (c) => {
      const rate = await service.createRate(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/exchange-rates/${rate.id}`);
      return reply(c, ExchangeRate, rate, 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/exchange-rates/{id}',
      tags,
      summary: 'One exchange rate',
      request: { params: IdParam },
      responses: { 200: { description: 'The rate', ...json(ExchangeRate) } },
    }),
    async (c) => reply(c, ExchangeRate, await service.getRate(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'put',
      path: '/exchange-rates/{id}',
      tags,
      summary: 'Change a rate (with the version last read)',
      request: { params: IdParam, body: { ...json(UpdateRateBody), required: true } },
      responses: {
        200: { description: 'Updated', ...json(ExchangeRate) },
        409: { description: 'version-conflict or exchange-rate-exists' },
      },
    }),
    async (c) =>
      reply(
        c,
        ExchangeRate,
        await service.updateRate(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'delete',
      path: '/exchange-rates/{id}',
      tags,
      summary: 'Delete a rate (with the version last read)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteRate(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );
}
