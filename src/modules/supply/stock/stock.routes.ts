import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/app-env.js';
import { csvAttachment, csvResponses } from '../../../platform/http/csv-export.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  z,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam, uuid } from '../../../platform/http/schemas.js';
import * as reports from './reports.service.js';
import * as s from './stock.schemas.js';
import * as service from './stock.service.js';

const tags = ['supply'];
const csvOr = <T>(schema: T, description: string) => ({
  200: { description, content: { ...json(schema).content, ...csvResponses[200].content } },
});
const sendCsv = (c: Context<AppEnv>, filename: string, body: string) => csvAttachment(c, filename, body) as never;
const SourceParam = z.object({ sourceId: uuid });

export function registerStockRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/stock/adjustments',
      tags,
      summary: 'Adjust stock in or out with a reason (valued and posted: inventory against adjustments)',
      request: { body: { ...json(s.AdjustmentBody), required: true } },
      responses: { 201: { description: 'The moves it made', ...json(s.MoveResult) } },
    }),
    async (c) => reply(c, s.MoveResult, await service.adjust(c.get('db'), requestContext(c), c.req.valid('json')), 201),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/stock/transfers',
      tags,
      summary: 'Move stock between locations (first expiry first out unless a lot is named; no posting)',
      request: { body: { ...json(s.TransferBody), required: true } },
      responses: { 201: { description: 'The moves it made', ...json(s.MoveResult) } },
    }),
    async (c) =>
      reply(c, s.MoveResult, await service.transfer(c.get('db'), requestContext(c), c.req.valid('json')), 201),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/reservations',
      tags,
      summary: 'Reserve stock (first expiry first out); available = on hand − reserved',
      request: { body: { ...json(s.ReservationBody), required: true } },
      responses: { 201: { description: 'The reservations, under one sourceId', ...json(s.ReservationResult) } },
    }),
    async (c) =>
      reply(c, s.ReservationResult, await service.reserve(c.get('db'), requestContext(c), c.req.valid('json')), 201),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'delete',
      path: '/reservations/{sourceId}',
      tags,
      summary: 'Release a reservation',
      request: { params: SourceParam },
      responses: { 204: { description: 'Released' } },
    }),
    async (c) => {
      await service.releaseReservation(c.get('db'), requestContext(c), c.req.valid('param').sourceId);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/deliveries',
      tags,
      summary: 'Deliver to a customer, from a reservation or lines (valued and posted: COGS against inventory)',
      request: { body: { ...json(s.DeliveryBody), required: true } },
      responses: { 201: { description: 'The delivery', ...json(s.Delivery) } },
    }),
    async (c) => {
      const made = await service.deliver(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/deliveries/${made.id}`);
      return reply(c, s.Delivery, made, 201);
    },
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/deliveries/{id}',
      tags,
      summary: 'Get a delivery (or a customer return) with its lines',
      request: { params: IdParam },
      responses: { 200: { description: 'The delivery', ...json(s.Delivery) } },
    }),
    async (c) => reply(c, s.Delivery, await service.getDelivery(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('supply:write', {
      method: 'post',
      path: '/deliveries/{id}/returns',
      tags,
      summary: 'Take goods back from a customer at the cost they left at',
      request: { params: IdParam, body: { ...json(s.CustomerReturnBody), required: true } },
      responses: { 201: { description: 'The return', ...json(s.Delivery) } },
    }),
    async (c) =>
      reply(
        c,
        s.Delivery,
        await service.customerReturn(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/lots',
      tags,
      summary: "An item's lots or serial numbers with expiry and on-hand",
      request: { query: s.LotsQuery },
      responses: { 200: { description: 'The lots', ...json(s.LotList) } },
    }),
    async (c) => reply(c, s.LotList, await service.listLots(c.get('db'), c.req.valid('query').itemId)),
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/settings',
      tags,
      summary: 'Valuation method and receiving tolerances',
      responses: { 200: { description: 'The settings', ...json(s.Settings) } },
    }),
    async (c) => reply(c, s.Settings, await service.getSettings(c.get('db'))),
  );
  router.openapi(
    defineRoute('supply:admin', {
      method: 'patch',
      path: '/settings',
      tags,
      summary: 'Change the settings (the valuation method only before the first move)',
      request: { body: { ...json(s.UpdateSettingsBody), required: true } },
      responses: { 200: { description: 'The settings', ...json(s.Settings) } },
    }),
    async (c) =>
      reply(c, s.Settings, await service.updateSettings(c.get('db'), requestContext(c), c.req.valid('json'))),
  );

  // ---- reports ----
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/stock/on-hand',
      tags,
      summary: 'Stock on hand, reserved and available per item × location × lot',
      request: { query: s.OnHandQuery },
      responses: { 200: { description: 'On hand', ...json(s.OnHandList) } },
    }),
    async (c) => reply(c, s.OnHandList, await reports.onHand(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/stock/ledger',
      tags,
      summary: "An item's stock moves with the running balance and value",
      request: { query: s.LedgerQuery },
      responses: { 200: { description: 'A page of moves', ...json(s.LedgerPage) } },
    }),
    async (c) => reply(c, s.LedgerPage, await reports.ledger(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/stock/valuation',
      tags,
      summary: 'Stock valuation as of a date (equals the inventory account); CSV with format=csv',
      request: { query: s.ValuationQuery },
      responses: csvOr(s.Valuation, 'The valuation'),
    }),
    async (c) => {
      const q = c.req.valid('query');
      if (q.format === 'csv')
        return sendCsv(c, `stock-valuation-${q.asOf ?? 'today'}.csv`, await reports.valuationCsv(c.get('db'), q.asOf));
      return reply(c, s.Valuation, await reports.valuation(c.get('db'), q.asOf));
    },
  );
  router.openapi(
    defineRoute('supply:admin', {
      method: 'post',
      path: '/stock/valuation-snapshots',
      tags,
      summary: 'Record the valuation at a date (month ends are recorded nightly); later valuations read from it',
      request: { body: { ...json(s.SnapshotBody), required: true } },
      responses: { 201: { description: 'The valuation at that date', ...json(s.Valuation) } },
    }),
    async (c) =>
      reply(
        c,
        s.Valuation,
        await reports.createValuationSnapshot(c.get('db'), requestContext(c), c.req.valid('json').asOf),
        201,
      ),
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/stock/check',
      tags,
      summary: 'Verify the balances and item costs against the ledger of moves',
      responses: { 200: { description: 'What disagrees (nothing when ok)', ...json(s.StockCheck) } },
    }),
    async (c) => reply(c, s.StockCheck, await reports.check(c.get('db'))),
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/reports/moves-by-reason',
      tags,
      summary: 'Moves, quantity and value per kind and reason in a date range; CSV with format=csv',
      request: { query: s.ReasonQuery },
      responses: csvOr(s.MovesByReason, 'Moves by reason'),
    }),
    async (c) => {
      const q = c.req.valid('query');
      if (q.format === 'csv')
        return sendCsv(
          c,
          `moves-by-reason-${q.from}-${q.to}.csv`,
          await reports.movesByReasonCsv(c.get('db'), q.from, q.to),
        );
      return reply(c, s.MovesByReason, await reports.movesByReason(c.get('db'), q.from, q.to));
    },
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/reports/slow-moving',
      tags,
      summary: 'Items in stock with no issue in the last `days` days; CSV with format=csv',
      request: { query: s.SlowMovingQuery },
      responses: csvOr(s.SlowMoving, 'Slow-moving items'),
    }),
    async (c) => {
      const q = c.req.valid('query');
      if (q.format === 'csv')
        return sendCsv(c, `slow-moving-${q.days}.csv`, await reports.slowMovingCsv(c.get('db'), q.days, q.asOf));
      return reply(c, s.SlowMoving, await reports.slowMoving(c.get('db'), q.days, q.asOf));
    },
  );
}
