import { defineRoute, json, reply, requestContext, type createRouter } from '../../../platform/http/router.js';
import { EvaluateMetricBody, MetricEvaluation, MetricKeyParam, MetricList } from './metrics.schemas.js';
import * as service from './metrics.service.js';

const tags = ['strategy'];

export function registerMetricRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/metrics',
      tags,
      summary: "The registered metrics you may see (each with its unit, direction and parameters' schema)",
      responses: { 200: { description: 'Metrics', ...json(MetricList) } },
    }),
    async (c) => reply(c, MetricList, { items: await service.listMetrics(requestContext(c)) }),
  );
  router.openapi(
    defineRoute('strategy:read', {
      method: 'post',
      path: '/metrics/{key}/evaluate',
      tags,
      summary: "A metric's value over a period (403 metric-not-visible without the metric's permission)",
      request: { params: MetricKeyParam, body: { ...json(EvaluateMetricBody), required: true } },
      responses: { 200: { description: 'The value', ...json(MetricEvaluation) } },
    }),
    async (c) =>
      reply(
        c,
        MetricEvaluation,
        await service.evaluateMetric(c.get('db'), requestContext(c), c.req.valid('param').key, c.req.valid('json')),
      ),
  );
}
