import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import * as s from './catalogue.schemas.js';
import * as service from './catalogue.service.js';

const tags = ['supply'];

export function registerCatalogueRoutes(router: ReturnType<typeof createRouter>) {
  // ---- items ----
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/items',
      tags,
      summary: 'List items (filter by type, category, barcode, active; search SKU, name, barcode)',
      request: { query: s.ItemListQuery },
      responses: { 200: { description: 'A page of items', ...json(s.ItemPage) } },
    }),
    async (c) => reply(c, s.ItemPage, await service.listItems(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('supply:admin', {
      method: 'post',
      path: '/items',
      tags,
      summary: 'Create an item (SKU, type, base unit and conversions, tracking, shelf life)',
      request: { body: { ...json(s.CreateItemBody), required: true } },
      responses: { 201: { description: 'Created', ...json(s.Item) } },
    }),
    async (c) => {
      const created = await service.createItem(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/items/${created.id}`);
      return reply(c, s.Item, created, 201);
    },
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/items/{id}',
      tags,
      summary: 'Get an item with its units and stock',
      request: { params: IdParam },
      responses: { 200: { description: 'The item', ...json(s.Item) } },
    }),
    async (c) => reply(c, s.Item, await service.getItem(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('supply:admin', {
      method: 'patch',
      path: '/items/{id}',
      tags,
      summary: 'Change an item (SKU, type, base unit and tracking are fixed)',
      request: { params: IdParam, body: { ...json(s.UpdateItemBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(s.Item) } },
    }),
    async (c) =>
      reply(
        c,
        s.Item,
        await service.updateItem(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );

  // ---- price lists ----
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/price-lists',
      tags,
      summary: 'List price lists (sales and supplier)',
      request: { query: s.PriceListQuery },
      responses: { 200: { description: 'A page of price lists', ...json(s.PriceListPage) } },
    }),
    async (c) => reply(c, s.PriceListPage, await service.listPriceLists(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('supply:admin', {
      method: 'post',
      path: '/price-lists',
      tags,
      summary: 'Create a price list with its prices (per currency, with quantity breaks)',
      request: { body: { ...json(s.CreatePriceListBody), required: true } },
      responses: { 201: { description: 'Created', ...json(s.PriceList) } },
    }),
    async (c) => {
      const created = await service.createPriceList(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/price-lists/${created.id}`);
      return reply(c, s.PriceList, created, 201);
    },
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/price-lists/{id}',
      tags,
      summary: 'Get a price list with its prices',
      request: { params: IdParam },
      responses: { 200: { description: 'The price list', ...json(s.PriceList) } },
    }),
    async (c) => reply(c, s.PriceList, await service.getPriceList(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('supply:admin', {
      method: 'patch',
      path: '/price-lists/{id}',
      tags,
      summary: 'Change a price list (prices, when sent, replace the old ones)',
      request: { params: IdParam, body: { ...json(s.UpdatePriceListBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(s.PriceList) } },
    }),
    async (c) =>
      reply(
        c,
        s.PriceList,
        await service.updatePriceList(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/prices',
      tags,
      summary: "An item's price for a quantity (best quantity break; the party's own list first)",
      request: { query: s.PriceQuery },
      responses: { 200: { description: 'The price, or null', ...json(s.PriceAnswer) } },
    }),
    async (c) => reply(c, s.PriceAnswer, await service.findPrice(c.get('db'), c.req.valid('query'))),
  );

  // ---- warehouses ----
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/warehouses',
      tags,
      summary: 'List warehouses with their locations',
      request: { query: s.WarehouseListQuery },
      responses: { 200: { description: 'A page of warehouses', ...json(s.WarehousePage) } },
    }),
    async (c) => reply(c, s.WarehousePage, await service.listWarehouses(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('supply:admin', {
      method: 'post',
      path: '/warehouses',
      tags,
      summary: 'Create a warehouse (with its default location STOCK)',
      request: { body: { ...json(s.CreateWarehouseBody), required: true } },
      responses: { 201: { description: 'Created', ...json(s.Warehouse) } },
    }),
    async (c) => {
      const created = await service.createWarehouse(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/warehouses/${created.id}`);
      return reply(c, s.Warehouse, created, 201);
    },
  );
  router.openapi(
    defineRoute('supply:read', {
      method: 'get',
      path: '/warehouses/{id}',
      tags,
      summary: 'Get a warehouse with its locations',
      request: { params: IdParam },
      responses: { 200: { description: 'The warehouse', ...json(s.Warehouse) } },
    }),
    async (c) => reply(c, s.Warehouse, await service.getWarehouse(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('supply:admin', {
      method: 'patch',
      path: '/warehouses/{id}',
      tags,
      summary: 'Change a warehouse',
      request: { params: IdParam, body: { ...json(s.UpdateWarehouseBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(s.Warehouse) } },
    }),
    async (c) =>
      reply(
        c,
        s.Warehouse,
        await service.updateWarehouse(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('supply:admin', {
      method: 'post',
      path: '/warehouses/{id}/locations',
      tags,
      summary: 'Add a location (bin) to a warehouse',
      request: { params: IdParam, body: { ...json(s.CreateLocationBody), required: true } },
      responses: { 201: { description: 'The warehouse with the new location', ...json(s.Warehouse) } },
    }),
    async (c) =>
      reply(
        c,
        s.Warehouse,
        await service.createLocation(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
}
