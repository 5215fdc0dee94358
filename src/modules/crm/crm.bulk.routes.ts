import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { csvAttachment, csvResponses } from '../../platform/http/csv-export.js';
import { defineRoute, json, reply, requestContext, type createRouter } from '../../platform/http/router.js';
import { bulkContacts } from './contacts/contacts.bulk.js';
import { contactsExport } from './contacts/contacts.csv.js';
import {
  BulkExportBody,
  BulkOpportunityBody,
  BulkOwnerBody,
  BulkResult,
  type BulkOwnerAction,
  selectedCsv,
  type BulkResultDto,
} from './crm.bulk.js';
import type { CrmCsvExport } from './crm.csv.js';
import { bulkLeads } from './leads/leads.bulk.js';
import { leadsExport } from './leads/leads.csv.js';
import { bulkOrganizations } from './organizations/organizations.bulk.js';
import { organizationsExport } from './organizations/organizations.csv.js';
import { bulkOpportunities } from './pipeline/opportunities.bulk.js';
import { opportunitiesExport } from './pipeline/opportunities.csv.js';

const tags = ['crm'];
type Router = ReturnType<typeof createRouter>;

const bulkRoute = <B extends typeof BulkOwnerBody | typeof BulkOpportunityBody>(list: string, body: B) =>
  defineRoute('crm:write', {
    method: 'post',
    path: `/${list}/bulk`,
    tags,
    summary: `Change many ${list} at once, all or nothing (422 listing every id that cannot be changed, and why)`,
    request: { body: { ...json(body), required: true } },
    responses: { 200: { description: 'Done', ...json(BulkResult) } },
  });

function registerBulk(
  router: Router,
  list: string,
  run: (db: Db, ctx: RequestContext, input: BulkOwnerAction) => Promise<BulkResultDto>,
) {
  router.openapi(bulkRoute(list, BulkOwnerBody), async (c) =>
    reply(c, BulkResult, await run(c.get('db'), requestContext(c), c.req.valid('json'))),
  );
}

function registerExportSelected<F, T extends { id: string }>(
  router: Router,
  list: string,
  exporter: CrmCsvExport<F, T>,
  defaultFilter: F,
) {
  router.openapi(
    defineRoute('crm:read', {
      method: 'post',
      path: `/${list}/bulk/export.csv`,
      tags,
      summary: `The selected ${list} as CSV (the list export's columns; 422 listing ids you cannot see)`,
      request: { body: { ...json(BulkExportBody), required: true } },
      responses: csvResponses,
    }),
    async (c) =>
      csvAttachment(
        c,
        `${exporter.fileName}-selected.csv`,
        await selectedCsv(c.get('db'), requestContext(c), exporter, defaultFilter, c.req.valid('json').ids),
      ),
  );
}

/** Bulk actions and "export selected" of the four CRM lists (`crm.bulk.ts`). */
export function registerCrmBulkRoutes(router: Router) {
  registerBulk(router, 'organizations', bulkOrganizations);
  registerBulk(router, 'contacts', bulkContacts);
  registerBulk(router, 'leads', bulkLeads);
  router.openapi(bulkRoute('opportunities', BulkOpportunityBody), async (c) =>
    reply(c, BulkResult, await bulkOpportunities(c.get('db'), requestContext(c), c.req.valid('json'))),
  );
  registerExportSelected(router, 'organizations', organizationsExport, {});
  registerExportSelected(router, 'contacts', contactsExport, {});
  registerExportSelected(router, 'leads', leadsExport, {});
  registerExportSelected(router, 'opportunities', opportunitiesExport, {});
}
