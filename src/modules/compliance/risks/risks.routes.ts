import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import * as assets from './assets.service.js';
import {
  Asset,
  AssetListQuery,
  AssetPage,
  CreateAssetBody,
  CreateRiskBody,
  HeatMap,
  HeatMapQuery,
  Risk,
  RiskListQuery,
  RiskMatrix,
  RiskMatrixBody,
  RiskPage,
  UpdateAssetBody,
  UpdateRiskBody,
} from './risks.schemas.js';
import * as risks from './risks.service.js';

const tags = ['compliance'];

export function registerRiskRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/risk-matrix',
      tags,
      summary: 'The likelihood × impact matrix (default 5×5) and its score bands',
      responses: { 200: { description: 'The matrix', ...json(RiskMatrix) } },
    }),
    async (c) => reply(c, RiskMatrix, await risks.loadMatrix(c.get('db'))),
  );
  router.openapi(
    defineRoute('compliance:admin', {
      method: 'put',
      path: '/risk-matrix',
      tags,
      summary: 'Configure the matrix (2–10 levels each way; 409 while a risk is rated beyond it)',
      request: { body: { ...json(RiskMatrixBody), required: true } },
      responses: { 200: { description: 'The matrix', ...json(RiskMatrix) } },
    }),
    async (c) => reply(c, RiskMatrix, await risks.updateMatrix(c.get('db'), requestContext(c), c.req.valid('json'))),
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/risks/heat-map',
      tags,
      summary: 'Risks counted per cell of the matrix, inherent or residual',
      request: { query: HeatMapQuery },
      responses: { 200: { description: 'The heat map', ...json(HeatMap) } },
    }),
    async (c) => reply(c, HeatMap, await risks.riskHeatMap(c.get('db'), c.req.valid('query').basis)),
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/risks',
      tags,
      summary: 'The risk register',
      request: { query: RiskListQuery },
      responses: { 200: { description: 'A page of risks', ...json(RiskPage) } },
    }),
    async (c) => reply(c, RiskPage, await risks.listRisks(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/risks',
      tags,
      summary:
        'Register a risk: inherent and residual ratings, treatment (mitigate with controls, accept with an approver and expiry, transfer, avoid)',
      request: { body: { ...json(CreateRiskBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Risk) } },
    }),
    async (c) => {
      const created = await risks.createRisk(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/risks/${created.id}`);
      return reply(c, Risk, created, 201);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/risks/{id}',
      tags,
      summary: 'A risk',
      request: { params: IdParam },
      responses: { 200: { description: 'The risk', ...json(Risk) } },
    }),
    async (c) => reply(c, Risk, await risks.getRisk(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'patch',
      path: '/risks/{id}',
      tags,
      summary: 'Change a risk; `controlIds` replaces the list',
      request: { params: IdParam, body: { ...json(UpdateRiskBody), required: true } },
      responses: { 200: { description: 'The risk', ...json(Risk) } },
    }),
    async (c) =>
      reply(
        c,
        Risk,
        await risks.updateRisk(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'delete',
      path: '/risks/{id}',
      tags,
      summary: 'Delete a risk',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await risks.deleteRisk(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );

  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/assets',
      tags,
      summary: 'Assets the risks are about',
      request: { query: AssetListQuery },
      responses: { 200: { description: 'A page of assets', ...json(AssetPage) } },
    }),
    async (c) => reply(c, AssetPage, await assets.listAssets(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'post',
      path: '/assets',
      tags,
      summary: 'Add an asset',
      request: { body: { ...json(CreateAssetBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Asset) } },
    }),
    async (c) => {
      const created = await assets.createAsset(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/assets/${created.id}`);
      return reply(c, Asset, created, 201);
    },
  );
  router.openapi(
    defineRoute('compliance:read', {
      method: 'get',
      path: '/assets/{id}',
      tags,
      summary: 'An asset',
      request: { params: IdParam },
      responses: { 200: { description: 'The asset', ...json(Asset) } },
    }),
    async (c) => reply(c, Asset, await assets.getAsset(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'patch',
      path: '/assets/{id}',
      tags,
      summary: 'Change an asset',
      request: { params: IdParam, body: { ...json(UpdateAssetBody), required: true } },
      responses: { 200: { description: 'The asset', ...json(Asset) } },
    }),
    async (c) =>
      reply(
        c,
        Asset,
        await assets.updateAsset(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('compliance:write', {
      method: 'delete',
      path: '/assets/{id}',
      tags,
      summary: 'Delete an asset (409 while a risk names it)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await assets.deleteAsset(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );
}
