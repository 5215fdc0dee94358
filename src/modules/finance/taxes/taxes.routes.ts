import { csvAttachment, csvResponses } from '../../../platform/http/csv-export.js';
import { toCsv } from '../../../platform/http/csv.js';
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
  taxReturnCsvRows,
  fileTaxReturn,
  getTaxReturn,
  listTaxReturns,
  taxReturnDocuments,
  taxReturnReport,
} from './tax-return.js';
import {
  AccountIdParam,
  AccountTaxDefaultBody,
  AccountTaxDefaults,
  CreateFiscalPositionBody,
  CreateTaxCodeBody,
  FileTaxReturnBody,
  FiscalPosition,
  FiscalPositionList,
  PartyFiscalPosition,
  PartyFiscalPositionBody,
  TaxCode,
  TaxCodeList,
  TaxReturn,
  TaxReturnDocuments,
  TaxReturnList,
  TaxReturnQuery,
  TaxReturnDocumentsQuery,
  TaxReturnReport,
  UpdateFiscalPositionBody,
  UpdateTaxCodeBody,
} from './taxes.schemas.js';
import * as taxes from './taxes.service.js';

const tags = ['finance taxes'];

/** Tax codes and groups, fiscal positions, account defaults, and the tax return (issue #22). */
export function registerTaxRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/tax-codes',
      tags,
      summary: 'Tax codes and groups',
      responses: { 200: { description: 'Tax codes', ...json(TaxCodeList) } },
    }),
    async (c) => reply(c, TaxCodeList, await taxes.listTaxCodes(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/tax-codes',
      tags,
      summary: 'Add a tax code (or a group of codes)',
      request: { body: { ...json(CreateTaxCodeBody), required: true } },
      responses: { 201: { description: 'Created', ...json(TaxCode) } },
    }),
    async (c) => {
      const created = await taxes.createTaxCode(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/tax-codes/${created.id}`);
      return reply(c, TaxCode, created, 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/tax-codes/{id}',
      tags,
      summary: 'A tax code',
      request: { params: IdParam },
      responses: { 200: { description: 'The tax code', ...json(TaxCode) } },
    }),
    async (c) => reply(c, TaxCode, await taxes.getTaxCode(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'patch',
      path: '/tax-codes/{id}',
      tags,
      summary: 'Change a tax code (with the version you read); issued documents keep what they were issued with',
      request: { params: IdParam, body: { ...json(UpdateTaxCodeBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(TaxCode) } },
    }),
    async (c) =>
      reply(
        c,
        TaxCode,
        await taxes.updateTaxCode(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'delete',
      path: '/tax-codes/{id}',
      tags,
      summary: 'Delete a tax code no document or group uses (deactivate it otherwise)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await taxes.deleteTaxCode(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/fiscal-positions',
      tags,
      summary: 'Fiscal positions (domestic, intra-EU, export) and the codes they map',
      responses: { 200: { description: 'Fiscal positions', ...json(FiscalPositionList) } },
    }),
    async (c) => reply(c, FiscalPositionList, await taxes.listFiscalPositions(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/fiscal-positions',
      tags,
      summary: 'Add a fiscal position',
      request: { body: { ...json(CreateFiscalPositionBody), required: true } },
      responses: { 201: { description: 'Created', ...json(FiscalPosition) } },
    }),
    async (c) =>
      reply(
        c,
        FiscalPosition,
        await taxes.createFiscalPosition(c.get('db'), requestContext(c), c.req.valid('json')),
        201,
      ),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'patch',
      path: '/fiscal-positions/{id}',
      tags,
      summary: 'Change a fiscal position (with the version you read)',
      request: { params: IdParam, body: { ...json(UpdateFiscalPositionBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(FiscalPosition) } },
    }),
    async (c) =>
      reply(
        c,
        FiscalPosition,
        await taxes.updateFiscalPosition(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/parties/{id}/fiscal-position',
      tags,
      summary: "A party's fiscal position",
      request: { params: IdParam },
      responses: { 200: { description: 'The fiscal position', ...json(PartyFiscalPosition) } },
    }),
    async (c) =>
      reply(c, PartyFiscalPosition, await taxes.getPartyFiscalPosition(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'put',
      path: '/parties/{id}/fiscal-position',
      tags,
      summary: "Set a party's fiscal position (null: domestic), with the party's version",
      request: { params: IdParam, body: { ...json(PartyFiscalPositionBody), required: true } },
      responses: { 200: { description: 'Set', ...json(PartyFiscalPosition) } },
    }),
    async (c) =>
      reply(
        c,
        PartyFiscalPosition,
        await taxes.setPartyFiscalPosition(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
      ),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/tax-defaults',
      tags,
      summary: 'Default tax codes per account',
      responses: { 200: { description: 'Defaults', ...json(AccountTaxDefaults) } },
    }),
    async (c) => reply(c, AccountTaxDefaults, await taxes.listAccountDefaults(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'put',
      path: '/tax-defaults/{accountId}',
      tags,
      summary: 'Set (or, with null, remove) the tax code a line on this account gets by default',
      request: { params: AccountIdParam, body: { ...json(AccountTaxDefaultBody), required: true } },
      responses: { 200: { description: 'Defaults', ...json(AccountTaxDefaults) } },
    }),
    async (c) =>
      reply(
        c,
        AccountTaxDefaults,
        await taxes.setAccountDefault(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').accountId,
          c.req.valid('json').taxCodeId,
        ),
      ),
  );

  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/tax-return',
      tags,
      summary:
        "The tax return of a period: taxable amounts and tax per code and per box, tied to the tax accounts' movements",
      request: { query: TaxReturnQuery },
      responses: { 200: { description: 'The return', ...json(TaxReturnReport) } },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      return reply(c, TaxReturnReport, await taxReturnReport(c.get('db'), from, to));
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/tax-return.csv',
      tags,
      summary: 'The tax return as CSV',
      request: { query: TaxReturnQuery },
      responses: csvResponses,
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      const { header, rows } = taxReturnCsvRows(await taxReturnReport(c.get('db'), from, to));
      return csvAttachment(c, `tax-return-${from}-${to}.csv`, toCsv(header, rows));
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/tax-return/documents',
      tags,
      summary: 'The documents behind a return\'s figures (taxCodeId, "none", or a box)',
      request: { query: TaxReturnDocumentsQuery },
      responses: { 200: { description: 'Documents', ...json(TaxReturnDocuments) } },
    }),
    async (c) => reply(c, TaxReturnDocuments, await taxReturnDocuments(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/tax-returns',
      tags,
      summary: 'Filed tax returns',
      responses: { 200: { description: 'Returns', ...json(TaxReturnList) } },
    }),
    async (c) => reply(c, TaxReturnList, await listTaxReturns(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/tax-returns',
      tags,
      summary: "File a period's return: its documents' tax is locked (corrections go into the next return)",
      request: { body: { ...json(FileTaxReturnBody), required: true } },
      responses: { 201: { description: 'Filed', ...json(TaxReturn) } },
    }),
    async (c) => {
      const { from, to } = c.req.valid('json');
      const filed = await fileTaxReturn(c.get('db'), requestContext(c), from, to);
      setLocation(c, `/tax-returns/${filed.id}`);
      return reply(c, TaxReturn, filed, 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/tax-returns/{id}',
      tags,
      summary: 'A filed return, with the figures it was filed with',
      request: { params: IdParam },
      responses: { 200: { description: 'The return', ...json(TaxReturn) } },
    }),
    async (c) => reply(c, TaxReturn, await getTaxReturn(c.get('db'), c.req.valid('param').id)),
  );
}
