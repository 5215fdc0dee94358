import { z } from '@hono/zod-openapi';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { booleanQuery, DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import {
  AcceptProposalsBody,
  AcceptProposalsResult,
  BankAccount,
  BankAccountList,
  CreateBankAccountBody,
  CreateRuleBody,
  ImportStatementBody,
  LineIdParam,
  ProposalList,
  ReconcileBody,
  Rule,
  RuleList,
  Statement,
  StatementLine,
  StatementLinePage,
  StatementLineQuery,
  StatementListQuery,
  StatementPage,
  StatementVersionBody,
  UnreconcileBody,
  UpdateBankAccountBody,
  UpdateRuleBody,
} from './banking.schemas.js';
import * as bankAccounts from './bank-accounts.service.js';
import * as reconcile from './reconcile.service.js';
import * as rules from './rules.service.js';
import * as statements from './statements.service.js';

const tags = ['finance banking'];
const ReconcileResult = z.object({ line: StatementLine, statement: Statement }).openapi('BankReconcileResult');

/** Bank accounts, statement import, reconciliation and matching rules (see the Finance README, "Banking"). */
export function registerBankingRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/bank-accounts',
      tags,
      summary: 'Bank accounts (active ones unless includeInactive=true)',
      request: { query: z.object({ includeInactive: booleanQuery.optional() }) },
      responses: { 200: { description: 'Bank accounts by name', ...json(BankAccountList) } },
    }),
    async (c) =>
      reply(
        c,
        BankAccountList,
        await bankAccounts.listBankAccounts(c.get('db'), c.req.valid('query').includeInactive ?? false),
      ),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/bank-accounts',
      tags,
      summary: 'Create a bank account on a cash/bank ledger account',
      request: { body: { ...json(CreateBankAccountBody), required: true } },
      responses: { 201: { description: 'Created', ...json(BankAccount) } },
    }),
    async (c) => {
      const db = c.get('db');
      const id = await bankAccounts.createBankAccount(db, requestContext(c), c.req.valid('json'));
      setLocation(c, `/bank-accounts/${id}`);
      return reply(c, BankAccount, await bankAccounts.getBankAccount(db, id), 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/bank-accounts/{id}',
      tags,
      summary: 'A bank account',
      request: { params: IdParam },
      responses: { 200: { description: 'The bank account', ...json(BankAccount) } },
    }),
    async (c) => reply(c, BankAccount, await bankAccounts.getBankAccount(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'patch',
      path: '/bank-accounts/{id}',
      tags,
      summary: 'Change a bank account (with its version); its ledger account and currency stay',
      request: { params: IdParam, body: { ...json(UpdateBankAccountBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(BankAccount) } },
    }),
    async (c) => {
      const db = c.get('db');
      const { id } = c.req.valid('param');
      await bankAccounts.updateBankAccount(db, requestContext(c), id, c.req.valid('json'));
      return reply(c, BankAccount, await bankAccounts.getBankAccount(db, id));
    },
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'post',
      path: '/bank-accounts/{id}/statements',
      tags,
      summary: 'Import a statement (CSV with a column mapping, camt.053 or OFX); a line imported before is a 409',
      request: { params: IdParam, body: { ...json(ImportStatementBody), required: true } },
      responses: {
        201: { description: 'Imported', ...json(Statement) },
        409: { description: 'bank-statement-duplicate: lines imported before (listed in `duplicates`)' },
      },
    }),
    async (c) => {
      const db = c.get('db');
      const id = await statements.importStatement(db, requestContext(c), c.req.valid('param').id, c.req.valid('json'));
      setLocation(c, `/bank-statements/${id}`);
      return reply(c, Statement, await statements.getStatement(db, id), 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/bank-statements',
      tags,
      summary: 'Imported statements with their reconciled balance',
      request: { query: StatementListQuery },
      responses: { 200: { description: 'A page of statements', ...json(StatementPage) } },
    }),
    async (c) => reply(c, StatementPage, await statements.listStatements(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/bank-statements/{id}',
      tags,
      summary: 'A statement: balances, reconciled balance and difference',
      request: { params: IdParam },
      responses: { 200: { description: 'The statement', ...json(Statement) } },
    }),
    async (c) => reply(c, Statement, await statements.getStatement(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/bank-statements/{id}/lines',
      tags,
      summary: "A statement's lines, in order",
      request: { params: IdParam, query: StatementLineQuery },
      responses: { 200: { description: 'A page of lines', ...json(StatementLinePage) } },
    }),
    async (c) =>
      reply(
        c,
        StatementLinePage,
        await statements.listLines(c.get('db'), c.req.valid('param').id, c.req.valid('query')),
      ),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/bank-statements/{id}/proposals',
      tags,
      summary: 'Proposed matches for the unmatched lines (payments, open items by reference, rules, counterparty)',
      request: { params: IdParam },
      responses: { 200: { description: 'One proposal per line that has one', ...json(ProposalList) } },
    }),
    async (c) => reply(c, ProposalList, { items: await reconcile.proposals(c.get('db'), c.req.valid('param').id) }),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/bank-statements/{id}/proposals/accept',
      tags,
      summary: 'Accept the current proposals (of the lines named, else all) in one transaction',
      request: { params: IdParam, body: { ...json(AcceptProposalsBody), required: false } },
      responses: { 200: { description: 'The lines reconciled', ...json(AcceptProposalsResult) } },
    }),
    async (c) => {
      const body = (c.req.valid('json') as z.output<typeof AcceptProposalsBody> | undefined) ?? {};
      return reply(
        c,
        AcceptProposalsResult,
        await reconcile.acceptProposals(c.get('db'), requestContext(c), c.req.valid('param').id, body.lineIds),
      );
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/bank-statements/{id}/lines/{lineId}/reconcile',
      tags,
      summary: 'Reconcile a line: to a payment, to open invoices/bills (a payment is created), or to a new entry',
      request: { params: LineIdParam, body: { ...json(ReconcileBody), required: true } },
      responses: {
        200: { description: 'Reconciled', ...json(ReconcileResult) },
        409: { description: 'bank-line-reconciled (someone else was first), version-conflict' },
      },
    }),
    async (c) => {
      const db = c.get('db');
      const { id, lineId } = c.req.valid('param');
      await reconcile.reconcileLine(db, requestContext(c), id, lineId, c.req.valid('json'));
      return reply(c, ReconcileResult, await statements.getLineWithStatement(db, id, lineId));
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/bank-statements/{id}/lines/{lineId}/unreconcile',
      tags,
      summary: 'Undo a line’s reconciliation (its period must be open): created payments voided, entries reversed',
      request: { params: LineIdParam, body: { ...json(UnreconcileBody), required: true } },
      responses: { 200: { description: 'Unreconciled', ...json(ReconcileResult) } },
    }),
    async (c) => {
      const db = c.get('db');
      const { id, lineId } = c.req.valid('param');
      await reconcile.unreconcileLine(db, requestContext(c), id, lineId, c.req.valid('json').version);
      return reply(c, ReconcileResult, await statements.getLineWithStatement(db, id, lineId));
    },
  );
  for (const action of ['finish', 'reopen'] as const)
    router.openapi(
      defineRoute('finance:approve', {
        method: 'post',
        path: `/bank-statements/{id}/${action}`,
        tags,
        summary:
          action === 'finish'
            ? 'Finish a statement: its reconciled balance must equal its closing balance'
            : 'Reopen a finished statement',
        request: { params: IdParam, body: { ...json(StatementVersionBody), required: true } },
        responses: { 200: { description: 'Done', ...json(Statement) } },
      }),
      async (c) => {
        const db = c.get('db');
        const { id } = c.req.valid('param');
        const fn = action === 'finish' ? statements.finishStatement : statements.reopenStatement;
        await fn(db, requestContext(c), id, c.req.valid('json').version);
        return reply(c, Statement, await statements.getStatement(db, id));
      },
    );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/bank-rules',
      tags,
      summary: 'Matching rules, by priority',
      responses: { 200: { description: 'The rules', ...json(RuleList) } },
    }),
    async (c) => reply(c, RuleList, await rules.listRules(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'post',
      path: '/bank-rules',
      tags,
      summary: 'Create a matching rule: a regex on a line field → a party or an account',
      request: { body: { ...json(CreateRuleBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Rule) } },
    }),
    async (c) => {
      const rule = await rules.createRule(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/bank-rules/${rule.id}`);
      return reply(c, Rule, rule, 201);
    },
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'put',
      path: '/bank-rules/{id}',
      tags,
      summary: 'Replace a matching rule (with its version)',
      request: { params: IdParam, body: { ...json(UpdateRuleBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Rule) } },
    }),
    async (c) =>
      reply(
        c,
        Rule,
        await rules.updateRule(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'delete',
      path: '/bank-rules/{id}',
      tags,
      summary: 'Delete a matching rule (with the version last read)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await rules.deleteRule(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );
}
