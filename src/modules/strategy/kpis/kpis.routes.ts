import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { CreateKpiBody, Kpi, KpiList, KpiListQuery, KpiStatus, UpdateKpiBody } from './kpis.schemas.js';
import * as service from './kpis.service.js';

const tags = ['strategy'];

export function registerKpiRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/kpis',
      tags,
      summary: "A cycle's KPIs",
      request: { query: KpiListQuery },
      responses: { 200: { description: 'KPIs', ...json(KpiList) } },
    }),
    async (c) => reply(c, KpiList, { items: await service.listKpis(c.get('db'), c.req.valid('query').cycleId) }),
  );
  router.openapi(
    defineRoute('strategy:admin', {
      method: 'post',
      path: '/kpis',
      tags,
      summary: 'Define a KPI on a registered metric, with red/amber/green thresholds',
      request: { body: { ...json(CreateKpiBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Kpi) } },
    }),
    async (c) => {
      const created = await service.createKpi(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/kpis/${created.id}`);
      return reply(c, Kpi, created, 201);
    },
  );
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/kpis/{id}',
      tags,
      summary: 'A KPI',
      request: { params: IdParam },
      responses: { 200: { description: 'The KPI', ...json(Kpi) } },
    }),
    async (c) => reply(c, Kpi, await service.getKpi(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('strategy:admin', {
      method: 'patch',
      path: '/kpis/{id}',
      tags,
      summary: 'Change a KPI: name, metric and parameters, target and thresholds (409 when its cycle is closed)',
      request: { params: IdParam, body: { ...json(UpdateKpiBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Kpi) } },
    }),
    async (c) =>
      reply(
        c,
        Kpi,
        await service.updateKpi(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('strategy:read', {
      method: 'post',
      path: '/kpis/{id}/evaluate',
      tags,
      summary:
        "A KPI's value over its cycle so far and its red/amber/green (the value only with the metric's permission)",
      request: { params: IdParam },
      responses: { 200: { description: 'Status', ...json(KpiStatus) } },
    }),
    async (c) => reply(c, KpiStatus, await service.kpiStatus(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
}
