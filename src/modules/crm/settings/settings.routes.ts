import { z } from '@hono/zod-openapi';
import { defineRoute, json, reply, type createRouter } from '../../../platform/http/router.js';
import { baseCurrency } from '../../finance/index.js';

/** What CRM forms start from: the company's base currency (Finance's), for users without Finance access. */
export const CrmSettings = z
  .object({
    baseCurrency: z.string().openapi({ description: 'The currency new opportunities start in', example: 'USD' }),
  })
  .openapi('CrmSettings');

export function registerSettingsRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'get',
      path: '/settings',
      tags: ['crm'],
      summary: "CRM settings: the company's base currency, which new opportunities start in",
      responses: { 200: { description: 'The settings', ...json(CrmSettings) } },
    }),
    async (c) => reply(c, CrmSettings, { baseCurrency: await baseCurrency(c.get('db')) }),
  );
}
