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
  Account,
  AccountList,
  AccountListQuery,
  CreateAccountBody,
  UpdateAccountBody,
  VersionBody,
} from './accounts.schemas.js';
import * as accounts from './accounts.service.js';

const tags = ['finance'];

/** The chart of accounts. */
export function registerAccountRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/accounts',
      tags,
      summary: 'The chart of accounts (a default chart is created on first use)',
      request: { query: AccountListQuery },
      responses: { 200: { description: 'Accounts in code order', ...json(AccountList) } },
    }),
    async (c) => reply(c, AccountList, await accounts.listAccounts(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/accounts',
      tags,
      summary: 'Add an account',
      request: { body: { ...json(CreateAccountBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Account) } },
    }),
    async (c) => {
      const created = await accounts.createAccount(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/accounts/${created.id}`);
      return reply(c, Account, created, 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/accounts/{id}',
      tags,
      summary: 'Get an account',
      request: { params: IdParam },
      responses: { 200: { description: 'The account', ...json(Account) } },
    }),
    async (c) => reply(c, Account, await accounts.getAccount(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'patch',
      path: '/accounts/{id}',
      tags,
      summary: 'Change an account’s code, name, parent or description',
      request: { params: IdParam, body: { ...json(UpdateAccountBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Account) } },
    }),
    async (c) =>
      reply(
        c,
        Account,
        await accounts.updateAccount(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    router.openapi(
      defineRoute('finance:admin', {
        method: 'post',
        path: `/accounts/{id}/${action}`,
        tags,
        summary: active ? 'Reactivate an account' : 'Deactivate an account (no new postings; history stays)',
        request: { params: IdParam, body: { ...json(VersionBody), required: true } },
        responses: { 200: { description: 'The account', ...json(Account) } },
      }),
      async (c) =>
        reply(
          c,
          Account,
          await accounts.setAccountActive(
            c.get('db'),
            requestContext(c),
            c.req.valid('param').id,
            active,
            c.req.valid('json').version,
          ),
        ),
    );
  }
  router.openapi(
    defineRoute('finance:admin', {
      method: 'delete',
      path: '/accounts/{id}',
      tags,
      summary: 'Delete an account that has never been used',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await accounts.deleteAccount(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
