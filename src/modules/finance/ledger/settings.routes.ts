import { defineRoute, json, reply, requestContext, type createRouter } from '../../../platform/http/router.js';
import { Settings, UpdateSettingsBody } from './settings.schemas.js';
import * as settings from './settings.service.js';

const tags = ['finance'];

/** The ledger's settings: the base currency. */
export function registerSettingsRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/settings',
      tags,
      summary: 'Ledger settings',
      responses: { 200: { description: 'Settings', ...json(Settings) } },
    }),
    async (c) => reply(c, Settings, await settings.getSettings(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'patch',
      path: '/settings',
      tags,
      summary: 'Change the base currency (only before the first entry)',
      request: { body: { ...json(UpdateSettingsBody), required: true } },
      responses: { 200: { description: 'Settings', ...json(Settings) } },
    }),
    async (c) => reply(c, Settings, await settings.updateSettings(c.get('db'), requestContext(c), c.req.valid('json'))),
  );
}
