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
  Asset,
  AssetCategory,
  AssetCategoryInput,
  AssetCategoryList,
  AssetInput,
  AssetList,
  AssetListQuery,
  AssetSchedule,
  DisposeBody,
  RunDepreciationQuery,
  RunDepreciationResult,
  UpdateAssetBody,
  UpdateAssetCategoryBody,
  VersionBody,
} from './assets.schemas.js';
import * as assets from './assets.service.js';

const tags = ['finance fixed assets'];

/** Fixed assets: categories, the register, depreciation schedules and runs, disposal. */
export function registerAssetRoutes(router: ReturnType<typeof createRouter>) {
  registerCategoryRoutes(router);
  registerRegisterRoutes(router);
}

function registerCategoryRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/asset-categories',
      tags,
      summary: 'Asset categories (accounts and defaults), by name',
      responses: { 200: { description: 'The categories', ...json(AssetCategoryList) } },
    }),
    async (c) => reply(c, AssetCategoryList, await assets.listCategories(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/asset-categories',
      tags,
      summary: 'Create an asset category',
      request: { body: { ...json(AssetCategoryInput), required: true } },
      responses: { 201: { description: 'Created', ...json(AssetCategory) }, 409: { description: 'Name taken' } },
    }),
    async (c) => {
      const category = await assets.createCategory(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/asset-categories/${category.id}`);
      return reply(c, AssetCategory, category, 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/asset-categories/{id}',
      tags,
      summary: 'An asset category',
      request: { params: IdParam },
      responses: { 200: { description: 'The category', ...json(AssetCategory) } },
    }),
    async (c) => reply(c, AssetCategory, await assets.getCategory(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'put',
      path: '/asset-categories/{id}',
      tags,
      summary:
        "Change an asset category (assets keep their own life and method; its accounts apply to what's posted next)",
      request: { params: IdParam, body: { ...json(UpdateAssetCategoryBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(AssetCategory) }, 409: { description: 'Stale version' } },
    }),
    async (c) =>
      reply(
        c,
        AssetCategory,
        await assets.updateCategory(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
}

function registerRegisterRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/assets',
      tags,
      summary: 'The asset register (with depreciation posted and book value)',
      request: { query: AssetListQuery },
      responses: { 200: { description: 'A page of assets', ...json(AssetList) } },
    }),
    async (c) => reply(c, AssetList, await assets.listAssets(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/assets',
      tags,
      summary: "Register an asset (a draft; life and method default to its category's)",
      request: { body: { ...json(AssetInput), required: true } },
      responses: { 201: { description: 'Created', ...json(Asset) } },
    }),
    async (c) => {
      const asset = await assets.createAsset(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/assets/${asset.id}`);
      return reply(c, Asset, asset, 201);
    },
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/assets/depreciation/run',
      tags,
      summary: "Post every active asset's depreciation due through a month (each month once)",
      request: { query: RunDepreciationQuery },
      responses: { 200: { description: 'What was posted, skipped and refused', ...json(RunDepreciationResult) } },
    }),
    async (c) =>
      reply(
        c,
        RunDepreciationResult,
        await assets.runDepreciation(c.get('db'), requestContext(c), c.req.valid('query').through),
      ),
  );
  router.openapi(
    defineRoute('finance:read', {
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
    defineRoute('finance:admin', {
      method: 'put',
      path: '/assets/{id}',
      tags,
      summary: 'Change a draft asset',
      request: { params: IdParam, body: { ...json(UpdateAssetBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Asset) }, 409: { description: 'Not a draft, or stale' } },
    }),
    async (c) =>
      reply(
        c,
        Asset,
        await assets.updateAsset(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'delete',
      path: '/assets/{id}',
      tags,
      summary: 'Delete a draft asset',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' }, 409: { description: 'Not a draft, or stale' } },
    }),
    async (c) => {
      await assets.deleteAsset(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/assets/{id}/activate',
      tags,
      summary: 'Put a draft asset into service: depreciation runs post its months from now on',
      request: { params: IdParam, body: { ...json(VersionBody), required: true } },
      responses: { 200: { description: 'Active', ...json(Asset) }, 409: { description: 'Not a draft, or stale' } },
    }),
    async (c) =>
      reply(
        c,
        Asset,
        await assets.activateAsset(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json').version,
        ),
      ),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/assets/{id}/schedule',
      tags,
      summary: 'The depreciation schedule, month by month (which months are posted)',
      request: { params: IdParam },
      responses: { 200: { description: 'The schedule', ...json(AssetSchedule) } },
    }),
    async (c) => reply(c, AssetSchedule, await assets.assetSchedule(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/assets/{id}/dispose',
      tags,
      summary:
        'Dispose of an asset: depreciation through the month, then cost and accumulated depreciation out, gain or loss',
      request: { params: IdParam, body: { ...json(DisposeBody), required: true } },
      responses: {
        200: { description: 'Disposed', ...json(Asset) },
        409: { description: 'Not active, or stale' },
        422: { description: 'Invalid, or a closed period' },
      },
    }),
    async (c) =>
      reply(
        c,
        Asset,
        await assets.disposeAsset(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
}
