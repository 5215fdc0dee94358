import { z } from '@hono/zod-openapi';
import { defineRoute, type createRouter } from '../../../platform/http/router.js';
import { isoDate } from '../../../platform/http/schemas.js';
import { safTAuditFile } from './saft.service.js';

const SaftQuery = z.object({
  from: isoDate.openapi({ description: 'First day of the period' }),
  to: isoDate.openapi({ description: 'Last day of the period (at most two years after from)' }),
});

/** The SAF-T 2.00 audit file (issue #18): the general ledger, master files and sales invoices of a period. */
export function registerSaftRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/saf-t',
      tags: ['finance reports'],
      summary:
        'OECD SAF-T 2.00 audit file of a period: header, general-ledger accounts with balances, customers, suppliers, tax table, every posted entry, sales invoices',
      request: { query: SaftQuery },
      responses: {
        200: {
          description: 'SAF-T 2.00 XML (urn:OECD:StandardAuditFile-Tax:2.00)',
          content: { 'application/xml': { schema: z.string() } },
        },
      },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      const xml = await safTAuditFile(c.get('db'), { from, to });
      return c.body(xml, 200, {
        'content-type': 'application/xml; charset=utf-8',
        'content-disposition': `attachment; filename="saf-t-${from}-${to}.xml"`,
      });
    },
  );
}
